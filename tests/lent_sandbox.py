"""A test's sandbox lent to a command's ``--demo``, so the command cannot stop it."""

from __future__ import annotations

from olchat_desktop.sandbox import Sandbox


class LentSandbox:
    """The fixture's sandbox, lent to ``--demo`` without letting the command stop it."""

    def __init__(self, sandbox: Sandbox) -> None:
        self._sandbox = sandbox

    def __getattr__(self, name: str) -> object:
        return getattr(self._sandbox, name)

    def stop(self) -> None:
        pass
