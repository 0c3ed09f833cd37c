"""Read many CRM items fast: ``start=-1`` + ``>ID`` pages chained inside ``batch`` requests.

Reference ``bitrix24.md`` §3 (batch: 50 commands, one leaky-bucket hit, ``$result[…]``
references) and §7 ("Reading many items fast": ``order {ID: ASC}``, ``filter {">ID":
last}``, ``start: -1``, stop on a short page; ``select`` only what is needed). One batch
carries 50 list commands; command *n* continues after the last row of command *n-1*
through ``filter[>ID]=$result[p{n-1}][49][ID]``, the pattern the bitrix24-php-sdk and
crest users use. A short page ends the scan: the commands after it referenced a row that
does not exist, so their answers are ignored. 2,500 items per HTTP request.

One counting ``*.list`` (``start=0``, ``select=[ID]``) rides in the first batch (or, when
phones are read from contacts, in the first lookup batch); its ``total`` is the estimate
the progress shows and where the scan stops, so 10,000 deals take 4 item requests (5 when
the count takes a page's place in the first batch). It costs a command, not a request.

Phones of deals live on the deal's contact (or company): after each batch of deals one
more batch reads the needed contacts with ``crm.contact.list`` ``filter[@ID]`` (50 ids a
command, so one request per 2,500 distinct contacts) and employees' names with
``user.get``. Those requests are counted too (``requests`` is the client's count of HTTP
requests sent, retries included). Nothing here writes: every method is a ``*.list`` or
``*.get`` read (a test records every method called).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from olchat_desktop.bitrix.batch import Command, call_batch
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.errors import BitrixError, ProtocolError
from olchat_desktop.cancel import CancelToken

PAGE = 50
PAGES_PER_BATCH = 50
COUNT_COMMAND = "count"
_LINKED = {
    "contact": ("CONTACT_ID", "crm.contact.list"),
    "company": ("COMPANY_ID", "crm.company.list"),
}


@dataclass
class ScanProgress:
    items_read: int = 0
    estimated: int | None = None
    requests: int = 0
    started: float = field(default_factory=time.monotonic)

    @property
    def elapsed(self) -> float:
        return time.monotonic() - self.started


@dataclass
class ScanRequest:
    """What to read: entity, filter (without the cursor), fields, where phones come from."""

    entity: str
    select: Sequence[str]
    filter: Mapping[str, Any] = field(default_factory=dict)
    limit: int | None = None
    phones_from: str = ""  # "", "self", "contact" or "company"
    user_fields: Sequence[str] = ()  # codes whose values are user ids (names are read)


def _page_command(request: ScanRequest, after: str, select: list[str]) -> Command:
    flt = {**request.filter, ">ID": after}
    return (
        f"crm.{request.entity}.list",
        {"order": {"ID": "ASC"}, "filter": flt, "select": select, "start": -1},
    )


def _rows(value: Any, method: str) -> list[dict[str, Any]]:
    if value in (None, ""):
        return []
    if isinstance(value, dict):  # PHP map quirk: keys "0".."n-1"
        value = list(value.values())
    if not isinstance(value, list) or not all(isinstance(row, dict) for row in value):
        raise ProtocolError("a list command returned something other than rows", method=method)
    return value


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _select(request: ScanRequest) -> list[str]:
    wanted = ["ID", "TITLE", *request.select]
    if request.phones_from == "self":
        wanted.append("PHONE")
    elif request.phones_from in _LINKED:
        wanted.append(_LINKED[request.phones_from][0])
    return list(dict.fromkeys(wanted))


class CrmScanner:
    """Iterate pages of items; ``progress`` is updated as batches come back."""

    def __init__(
        self,
        client: BitrixClient,
        request: ScanRequest,
        *,
        token: CancelToken | None = None,
        on_progress: Callable[[ScanProgress], None] | None = None,
    ) -> None:
        self.client = client
        self.request = request
        self.token = token or CancelToken()
        self.on_progress = on_progress
        self.progress = ScanProgress()
        self.users: dict[str, str] = {}  # id -> "Имя Фамилия", for employee fields
        self._asked: set[str] = set()
        self._total: int | None = None
        self._base: Mapping[str, Any] = request.filter
        self._requests_at_start = client.requests_sent

    def _update(self, items: int = 0) -> None:
        self.progress.items_read += items
        self.progress.requests = self.client.requests_sent - self._requests_at_start
        if self.on_progress is not None:
            self.on_progress(self.progress)

    def pages(self) -> Iterator[list[dict[str, Any]]]:
        """Pages of rows (with ``PHONE`` filled in for linked phones), in ID order.

        Raises the portal's error (a :class:`BitrixError`) after yielding every row read
        before it; :class:`~olchat_desktop.cancel.TaskCancelled` between requests.
        """
        request, select = self.request, _select(self.request)
        last_id = str(int(request.filter.get(">ID", 0) or 0))
        base = {k: v for k, v in request.filter.items() if k != ">ID"}
        request = ScanRequest(request.entity, request.select, base, request.limit,
                              request.phones_from, request.user_fields)  # fmt: skip
        self._base = base
        left = request.limit
        # With linked phones the count rides in the first lookup batch, leaving all 50
        # commands of each item batch to pages: 10,000 deals in 4 item requests.
        count_later = request.phones_from in _LINKED
        first = True
        while left is None or left > 0:
            self.token.check()
            commands: dict[str, Command] = {}
            if first and not count_later:
                commands[COUNT_COMMAND] = self._count_command()
            wanted = left
            if self._total is not None:
                # The count is a snapshot: stop once that many were read (an item added
                # meanwhile is not waited for), instead of one more request to find out.
                remaining = self._total - self.progress.items_read
                if remaining <= 0:
                    return
                wanted = remaining if wanted is None else min(wanted, remaining)
            room = PAGES_PER_BATCH - len(commands)
            pages = room if wanted is None else min(room, -(-wanted // PAGE))
            for n in range(pages):
                after = last_id if n == 0 else f"$result[p{n - 1}][{PAGE - 1}][ID]"
                commands[f"p{n}"] = _page_command(request, after, select)
            result = call_batch(self.client, commands)
            self._take_count(result)
            rows, done, error = self._collect(result, pages)
            if left is not None:
                rows = rows[:left]
                left -= len(rows)
            if rows:
                last_id = str(rows[-1]["ID"])
                self._attach(rows, count=first and count_later)
            first = False
            self._update(len(rows))
            if rows:
                yield rows
            if error is not None:
                raise error
            if done:
                return

    def _count_command(self) -> Command:
        return (f"crm.{self.request.entity}.list", {"filter": self._base, "select": ["ID"]})

    def _take_count(self, result: Any) -> None:
        if COUNT_COMMAND in result.totals:
            self._total = result.totals[COUNT_COMMAND]
            limit = self.request.limit
            self.progress.estimated = self._total if limit is None else min(self._total, limit)

    def _collect(
        self, result: Any, pages: int
    ) -> tuple[list[dict[str, Any]], bool, BitrixError | None]:
        rows: list[dict[str, Any]] = []
        method = f"crm.{self.request.entity}.list"
        for n in range(pages):
            key = f"p{n}"
            if key in result.errors:
                return rows, True, result.errors[key]
            page = _rows(result.results.get(key), method)
            rows.extend(page)
            if len(page) < PAGE:
                return rows, True, None
        return rows, False, None

    def _attach(self, rows: list[dict[str, Any]], *, count: bool = False) -> None:
        """Fill ``PHONE`` from the linked contact/company and learn users' names."""
        commands: dict[str, Command] = {COUNT_COMMAND: self._count_command()} if count else {}
        linked = _LINKED.get(self.request.phones_from)
        ids: list[str] = []
        if linked is not None:
            key, method = linked
            ids = list(
                dict.fromkeys(str(r.get(key)) for r in rows if r.get(key) not in (None, "", "0", 0))
            )
            for n in range(0, len(ids), PAGE):
                chunk = ids[n : n + PAGE]
                commands[f"l{n // PAGE}"] = (
                    method,
                    {"filter": {"@ID": chunk}, "select": ["ID", "PHONE"], "start": -1},
                )
        users = {
            str(value).removeprefix("user_")
            for row in rows
            for code in self.request.user_fields
            for value in _as_list(row.get(code))
            if value not in (None, "")
        } - self._asked
        wanted = sorted((u for u in users if u.isdigit()), key=int)
        for n in range(0, len(wanted), PAGE):
            commands[f"u{n // PAGE}"] = ("user.get", {"FILTER": {"ID": wanted[n : n + PAGE]}})
        self._asked.update(users)  # unknown ids are asked once, not after every batch
        if not commands:
            return
        result = call_batch(self.client, commands)
        self._take_count(result)
        phones: dict[str, list[Any]] = {}
        for name, value in result.results.items():
            if name == COUNT_COMMAND:
                continue
            if name.startswith("l"):
                for entry in _rows(value, linked[1] if linked else "crm.contact.list"):
                    phones[str(entry.get("ID"))] = entry.get("PHONE") or []
            elif name.startswith("u"):
                for person in _rows(value, "user.get"):
                    full = f"{person.get('NAME') or ''} {person.get('LAST_NAME') or ''}"
                    self.users[str(person.get("ID"))] = full.strip()
        for name, error in result.errors.items():
            if name.startswith("l"):
                raise error
        if linked is not None:
            for row in rows:
                row["PHONE"] = phones.get(str(row.get(linked[0])), [])
