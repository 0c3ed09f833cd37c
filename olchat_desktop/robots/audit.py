"""Audit the portal's workflow and automation templates for button-message robots.

Reading (reference ``bitrix24.md`` §3 pagination and batch, §4.2 template list): the
first page of ``bizproc.workflow.template.list`` (with ``TEMPLATE``) gives ``total``; the
remaining pages are fetched as ``start=50, 100, …`` commands inside ``batch`` requests, so
500 templates cost 2 requests instead of 10. The client's limiter paces the requests, so
the audit stays within the portal's rate limit. ``check_cancel`` is called between
requests and raises to stop.

Matching: a template's ``TEMPLATE`` is a tree of activities (``Type``, ``Name``,
``Properties``, ``Children``). An activity is a button robot when its type is one of the
matcher's types, or when its properties contain the matcher's property set (a robot
installed by a Market app may show a hashed ``rest_…`` type). Both are configurable.

Stage: ``template.list`` does not return an automation template's stage, so it is "known"
only when the row carries ``DOCUMENT_STATUS`` or the name ends in "стадия X"/"stage X".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from olchat_desktop.bitrix.batch import call_batch
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.core.i18n import Lang
from olchat_desktop.core.template import Template
from olchat_desktop.core.validation import Problem, has_errors, validate

METHOD = "bizproc.workflow.template.list"
PAGE_SIZE = 50
PAGES_PER_BATCH = 25  # at most 50 commands per batch; 25 keeps answers and progress steps small
SELECT = ["ID", "NAME", "MODULE_ID", "ENTITY", "DOCUMENT_TYPE", "AUTO_EXECUTE", "TEMPLATE",
          "SYSTEM_CODE"]  # fmt: skip
AUTOMATION_SYSTEM_CODE = "bitrix_bizproc_automation"
_STAGE_IN_NAME = re.compile(r"(?:стадия|stage)\s+(\S+)\s*$", re.IGNORECASE)

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RobotMatcher:
    """Which activities are button robots, and which properties hold which field."""

    activity_types: frozenset[str] = frozenset({"rest_olchat_wa_buttons"})
    property_set: frozenset[str] = frozenset({"Phone", "Message", "Button1", "WaitForReply"})
    field_keys: Mapping[str, str] = field(
        default_factory=lambda: {
            "line": "Line",
            "phone": "Phone",
            "header": "Header",
            "message": "Message",
            "footer": "Footer",
            "wait_for_reply": "WaitForReply",
        }
    )
    button_prefix: str = "Button"

    def match(self, activity: Mapping[str, Any]) -> str | None:
        """``"type"`` or ``"properties"`` when ``activity`` is a button robot, else None."""
        if str(activity.get("Type", "")) in self.activity_types:
            return "type"
        properties = activity.get("Properties")
        if (
            isinstance(properties, Mapping)
            and self.property_set
            and self.property_set <= {str(key) for key in properties}
        ):
            return "properties"
        return None


@dataclass
class FoundRobot:
    """One button robot found in a portal template, with its values and problems."""

    template_id: int
    template_name: str
    document_type: list[str]
    automation: bool
    stage: str | None
    activity_name: str
    activity_type: str
    title: str
    matched_by: str
    activated: bool
    values: dict[str, str]
    template: Template
    problems: list[Problem]

    @property
    def has_errors(self) -> bool:
        return has_errors(self.problems)

    def as_new_template(self) -> Template:
        """A fresh copy for the local library (new id, timestamps now)."""
        data = self.template.model_dump(exclude={"id", "created_at", "updated_at"})
        return Template(**data)


@dataclass
class AuditReport:
    templates_read: int = 0
    requests: int = 0
    robots: list[FoundRobot] = field(default_factory=list)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # multi-value properties: keep them visible, one per line
        return "\n".join(_text(item) for item in value)
    if isinstance(value, bool):
        return "Y" if value else "N"
    return str(value)


def _buttons(properties: Mapping[str, Any], prefix: str) -> list[str]:
    numbered: list[tuple[int, str]] = []
    for key, value in properties.items():
        suffix = str(key)[len(prefix) :]
        if str(key).startswith(prefix) and suffix.isdigit():
            numbered.append((int(suffix), _text(value)))
    titles = [title for _number, title in sorted(numbered)]
    while titles and not titles[-1].strip():
        titles.pop()
    return titles


def robot_template(
    properties: Mapping[str, Any], name: str, matcher: RobotMatcher
) -> tuple[Template, dict[str, str]]:
    """The editor's template for a robot's properties, and the raw values shown."""
    values = {str(key): _text(value) for key, value in properties.items()}
    get = {f: values.get(key, "") for f, key in matcher.field_keys.items()}
    wait = get.get("wait_for_reply", "").strip().upper() in {"Y", "1", "TRUE", "ДА"}
    template = Template(
        name=name,
        line=get.get("line", ""),
        phone=get.get("phone", ""),
        header=get.get("header", ""),
        message=get.get("message", ""),
        footer=get.get("footer", ""),
        buttons=_buttons(properties, matcher.button_prefix),
        wait_for_reply=wait,
        tags=["portal-audit"],
    )
    return template, values


def walk_activities(tree: Any) -> Iterator[Mapping[str, Any]]:
    """Every activity of a TEMPLATE tree, depth first, in document order."""
    stack = list(reversed(tree)) if isinstance(tree, list) else [tree]
    while stack:
        node = stack.pop()
        if not isinstance(node, Mapping):
            continue
        yield node
        children = node.get("Children")
        if isinstance(children, Mapping):  # PHP sends a list with keys as a map
            children = list(children.values())
        if isinstance(children, list):
            stack.extend(reversed(children))


def stage_of(row: Mapping[str, Any]) -> str | None:
    status = row.get("DOCUMENT_STATUS")
    if status:
        return str(status)
    found = _STAGE_IN_NAME.search(str(row.get("NAME", "")))
    return found.group(1) if found else None


def robots_in(row: Mapping[str, Any], matcher: RobotMatcher, lang: Lang) -> list[FoundRobot]:
    """The button robots of one template row, each validated like the editor does."""
    found: list[FoundRobot] = []
    name = str(row.get("NAME", ""))
    document_type = [str(part) for part in row.get("DOCUMENT_TYPE") or []]
    for activity in walk_activities(row.get("TEMPLATE") or []):
        matched_by = matcher.match(activity)
        if matched_by is None:
            continue
        properties = activity.get("Properties")
        properties = properties if isinstance(properties, Mapping) else {}
        activity_name = str(activity.get("Name", ""))
        template, values = robot_template(properties, f"{name} · {activity_name}", matcher)
        found.append(
            FoundRobot(
                template_id=int(row.get("ID", 0)),
                template_name=name,
                document_type=document_type,
                automation=str(row.get("SYSTEM_CODE", "")) == AUTOMATION_SYSTEM_CODE,
                stage=stage_of(row),
                activity_name=activity_name,
                activity_type=str(activity.get("Type", "")),
                title=_text(properties.get("Title")),
                matched_by=matched_by,
                activated=_text(activity.get("Activated", "Y")).upper() != "N",
                values=values,
                template=template,
                problems=validate(template, lang),
            )
        )
    return found


def iter_template_pages(
    client: BitrixClient,
    *,
    check_cancel: Callable[[], None] = lambda: None,
    progress: Progress = lambda done, total: None,
    pages_per_batch: int = PAGES_PER_BATCH,
    on_request: Callable[[], None] = lambda: None,
) -> Iterator[list[dict[str, Any]]]:
    """Template rows page by page: the first page alone, then the rest in batches."""
    params: dict[str, Any] = {"SELECT": SELECT, "ORDER": {"ID": "ASC"}}
    check_cancel()
    on_request()
    first = client.call(METHOD, {**params, "start": 0})
    rows = [row for row in first.result or [] if isinstance(row, dict)]
    total = first.total if first.total is not None else len(rows)
    done = len(rows)
    progress(done, total)
    yield rows
    starts = list(range(PAGE_SIZE, total, PAGE_SIZE)) if first.next is not None else []
    for index in range(0, len(starts), pages_per_batch):
        check_cancel()
        chunk = starts[index : index + pages_per_batch]
        commands = {f"p{start}": (METHOD, {**params, "start": start}) for start in chunk}
        on_request()
        result = call_batch(client, commands)
        for key in commands:
            page = [row for row in result.get(key) or [] if isinstance(row, dict)]
            done += len(page)
            yield page
        progress(min(done, total), total)


def audit_portal(
    client: BitrixClient,
    matcher: RobotMatcher | None = None,
    *,
    lang: Lang = "ru",
    check_cancel: Callable[[], None] = lambda: None,
    progress: Progress = lambda done, total: None,
    pages_per_batch: int = PAGES_PER_BATCH,
) -> AuditReport:
    """Read every template and collect its button robots with their problems."""
    matcher = matcher or RobotMatcher()
    report = AuditReport()

    def count_request() -> None:
        report.requests += 1

    pages = iter_template_pages(
        client,
        check_cancel=check_cancel,
        progress=progress,
        pages_per_batch=pages_per_batch,
        on_request=count_request,
    )
    for page in pages:
        for row in page:
            report.templates_read += 1
            report.robots.extend(robots_in(row, matcher, lang))
    return report
