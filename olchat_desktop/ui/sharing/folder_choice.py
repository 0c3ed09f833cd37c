"""Opening the team library's folder dialog from the window (issue 19): which profiles to
offer (the demo sandbox in demo mode, else every saved portal profile), and what a
choice changes (the sidebar marks that profile's shared templates, a sync starts).

The remembered profile (``sidebar.remembered_profile``) is the one "Sync now" uses from
then on; without one, the first saved portal profile.
"""

from __future__ import annotations

from typing import Any

from olchat_desktop.core.i18n import Lang, text


def profile_choices(window: Any, lang: Lang) -> list[Any]:
    from olchat_desktop.ui.sharing.folder_dialog import ProfileChoice
    from olchat_desktop.ui.sharing.sync_target import SyncTarget, demo_target

    if getattr(window, "demo", False):
        from olchat_desktop.ui.demo_sandbox import running_sandbox

        sandbox = running_sandbox(window)
        if sandbox is None:
            return []
        label = text(lang, "Sandbox portal (demo)")
        return [ProfileChoice(label, f"demo:{sandbox.member_id}", lambda: demo_target(sandbox))]
    from olchat_desktop.ui.connections.menu import connection_service

    service = connection_service(window)

    def target(profile_id: str) -> Any:
        return lambda: SyncTarget(service.bitrix_client(profile_id), profile_id)

    return [
        ProfileChoice(f"{p.name} ({p.domain})", p.id, target(p.id))
        for p in service.profiles.portals
    ]


def open_folder_dialog(actions: Any) -> Any:
    """The dialog, non-modal; a choice shows that profile in the sidebar and syncs."""
    from olchat_desktop.ui import i18n
    from olchat_desktop.ui.sharing.folder_dialog import FolderDialog

    lang = i18n.current_language()
    try:
        choices = profile_choices(actions.window, lang)
    except Exception as error:  # unreadable profiles: say so, as Sync now does
        shown = str(error)
        actions._show(lambda: shown)
        return None
    dialog = FolderDialog(choices, actions.window)

    def chosen(profile: str, _folder: Any) -> None:
        from olchat_desktop.ui.sharing import sidebar

        actions.profile = actions.chosen_profile = profile
        sidebar.show_team(actions.window.libraryController, sidebar.scope_for(profile))
        actions.sync_now()

    dialog.chosen.connect(chosen)
    dialog.open()
    return dialog
