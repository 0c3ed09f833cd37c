"""The sandbox portal: an emulated Bitrix24 portal and OLChat account over loopback HTTP.

``from olchat_desktop.sandbox import Sandbox``; see :mod:`olchat_desktop.sandbox.server`.
The import is lazy so that method modules importing ``sandbox.registry`` stay light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from olchat_desktop.sandbox.server import Sandbox

__all__ = ["Sandbox"]


def __getattr__(name: str) -> Any:
    if name == "Sandbox":
        from olchat_desktop.sandbox.server import Sandbox

        return Sandbox
    raise AttributeError(name)
