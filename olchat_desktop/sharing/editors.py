"""Names of the colleagues who last changed shared templates (the sidebar's "last
editor", issue 19).

Disk's file rows carry ``UPDATED_BY`` as a user id only (bitrix24.md §7), so after a
sync the ids not named yet are read with ``user.get`` (``ID`` per command, the form both
the portal and the sandbox accept), all in one ``batch`` (50 a request), and kept in the
sync state. A sync that meets no new editor sends nothing. A portal that refuses
``user.get`` (a webhook without the ``user`` scope) leaves the ids unnamed: the sidebar
then says "user #7", and the sync itself is not failed for it.
"""

from __future__ import annotations

from olchat_desktop.bitrix.batch import call_batch
from olchat_desktop.bitrix.client import BitrixClient
from olchat_desktop.bitrix.errors import BitrixError
from olchat_desktop.sharing.state import SyncState


def learn_editor_names(state: SyncState, client: BitrixClient, profile: str) -> int:
    """Read the names of editors not known yet; returns how many were learnt."""
    ids = state.unnamed_editors(profile)
    if not ids:
        return 0
    commands = {f"u{user_id}": ("user.get", {"ID": user_id}) for user_id in ids}
    try:
        result = call_batch(client, commands)
    except BitrixError:
        return 0
    names: dict[int, str] = {}
    for key, rows in result.results.items():
        row = rows[0] if isinstance(rows, list) and rows else None
        if isinstance(row, dict):
            name = " ".join(str(row.get(k) or "").strip() for k in ("NAME", "LAST_NAME")).strip()
            names[int(key[1:])] = name or str(row.get("EMAIL") or "") or f"#{key[1:]}"
    state.set_user_names(profile, names)
    return len(names)
