"""Connection profiles: Bitrix24 portals and OLChat WhatsApp lines (no secrets, ever).

Secrets (webhook secret, client secret, tokens) live in the keyring under the profile's
``id`` (see :mod:`olchat_desktop.storage.secrets`). The models forbid unknown fields and
refuse addresses with a path, so a pasted webhook URL cannot smuggle its secret into
``profiles.json``.
"""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Literal

import idna  # httpx's own dependency: IDNA 2008 + UTS 46, the mapping browsers use
from pydantic import BaseModel, ConfigDict, Field, field_validator

PROFILE_ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_HOST_PORT = re.compile(r"^(?P<host>[^:/?#@\s]+)(?::(?P<port>[0-9]{1,5}))?$")
_LOOPBACK = frozenset({"localhost", "127.0.0.1"})
# OLChat publishes its webhook base as ``…/rest/webhook/wa``; the origin is what we keep.
_OLCHAT_WEBHOOK_PREFIX = "/rest/webhook/wa"

AuthKind = Literal["webhook", "oauth"]
RateProfile = Literal["standard", "enterprise"]
ProfileName = Annotated[str, Field(min_length=1, max_length=100)]


def new_profile_id() -> str:
    return uuid.uuid4().hex


def normalise_host_port(text: str) -> str:
    """``Портал.РФ:8443`` → ``xn--80awhdgm.xn--p1ai:8443``; a path, query or user is refused."""
    value = text.strip()
    if not value:
        raise ValueError("the portal address is empty")
    match = _HOST_PORT.fullmatch(value)
    if match is None:
        raise ValueError("a portal address is a host name with an optional port, nothing else")
    host, port = match["host"].rstrip("."), match["port"]
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii")
    except idna.IDNAError as exc:
        raise ValueError(f"{host!r} is not a valid host name") from exc
    labels = ascii_host.split(".")
    if not all(_LABEL.fullmatch(label) for label in labels):
        raise ValueError(f"{host!r} is not a valid host name")
    if port is not None:
        if not 0 < int(port) < 65536:
            raise ValueError(f"port {port} is out of range")
        return f"{ascii_host}:{int(port)}"
    return ascii_host


def _strip_https(text: str) -> str:
    """Accept ``https://portal/`` as a domain: users paste what the browser shows."""
    value = text.strip()
    lowered = value.lower()
    for scheme in ("https://", "http://"):
        if lowered.startswith(scheme):
            value = value[len(scheme) :]
            break
    return value.removesuffix("/")


class _Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(default_factory=new_profile_id, pattern=PROFILE_ID_PATTERN)
    name: ProfileName


class PortalProfile(_Profile):
    """A Bitrix24 portal reached by an incoming webhook or by OAuth (local app)."""

    domain: str
    member_id: str = ""  # stable portal id; survives domain renames
    auth_kind: AuthKind
    user_id: int | None = None
    user_name: str = ""
    is_admin: bool = False
    scopes: tuple[str, ...] = ()
    client_id: str = ""  # the local app's public id; its secret is in the keyring
    ca_bundle_path: str | None = None  # extra trust for on-premise portals, never "no TLS"
    rate_profile: RateProfile = "standard"

    @field_validator("domain", mode="before")
    @classmethod
    def _normalise_domain(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        return normalise_host_port(_strip_https(value))

    @field_validator("ca_bundle_path", mode="before")
    @classmethod
    def _empty_bundle_is_none(cls, value: object) -> object:
        # An empty path means "the system's CAs", never "verification off".
        if isinstance(value, str) and not value.strip():
            return None
        return value

    @field_validator("scopes", mode="before")
    @classmethod
    def _scopes_sorted_unique(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.split(",")
        if isinstance(value, list | tuple | set | frozenset):
            return tuple(sorted({str(s).strip() for s in value if str(s).strip()}))
        return value

    def verify_setting(self) -> str | Literal[True]:
        """What to pass as ``verify`` to the Bitrix client: the CA bundle or the system CAs.

        There is deliberately no way to get ``False`` out of a profile.
        """
        return self.ca_bundle_path if self.ca_bundle_path else True


class OlchatLineProfile(_Profile):
    """An OLChat WhatsApp line reached by its REST webhook token (kept in the keyring)."""

    line_phone: str
    portal_id: str | None = Field(default=None, pattern=PROFILE_ID_PATTERN)
    base_url: str

    @field_validator("line_phone", mode="before")
    @classmethod
    def _digits_only(cls, value: object) -> object:
        if not isinstance(value, str):
            return value
        digits = re.sub(r"[\s()+\-.]", "", value)
        if not digits.isascii() or not digits.isdigit() or not 10 <= len(digits) <= 15:
            raise ValueError("the line phone must have 10 to 15 digits, e.g. 79991234567")
        return digits

    @field_validator("base_url", mode="before")
    @classmethod
    def _origin_only(cls, value: object) -> object:
        """``https://host[:port]`` only: the token travels in the path, which we never store."""
        if not isinstance(value, str):
            return value
        text = value.strip().removesuffix("/").removesuffix(_OLCHAT_WEBHOOK_PREFIX)
        scheme, sep, rest = text.partition("://")
        scheme = scheme.lower()
        if not sep or scheme not in ("https", "http"):
            raise ValueError("the OLChat address must start with https://")
        netloc = normalise_host_port(rest)
        if scheme == "http" and netloc.rsplit(":", 1)[0] not in _LOOPBACK:
            raise ValueError("plain http is only allowed for a local (loopback) server")
        return f"{scheme}://{netloc}"


Profile = PortalProfile | OlchatLineProfile
