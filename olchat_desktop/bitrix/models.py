"""Pydantic models for the results of the methods the app uses.

Legacy methods return ids as strings (``"ID": "1"``) and newer ones as ints (reference §6),
so ids are ``int`` in pydantic's lax mode, which coerces both. Unknown fields are kept
(``extra="allow"``): portals add fields, and the app must not break on them.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Profile(_Lenient):
    id: int = Field(alias="ID")
    admin: bool = Field(False, alias="ADMIN")
    name: str | None = Field(None, alias="NAME")
    last_name: str | None = Field(None, alias="LAST_NAME")
    time_zone: str | None = Field(None, alias="TIME_ZONE")

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.name, self.last_name) if part)


class CurrentUser(_Lenient):
    id: int = Field(alias="ID")
    active: bool | None = Field(None, alias="ACTIVE")
    name: str | None = Field(None, alias="NAME")
    last_name: str | None = Field(None, alias="LAST_NAME")
    email: str | None = Field(None, alias="EMAIL")


class OpenLine(_Lenient):
    id: int = Field(alias="ID")
    name: str = Field("", alias="LINE_NAME")
    active: bool = Field(True, alias="ACTIVE")


class MultiField(_Lenient):
    value: str = Field("", alias="VALUE")
    value_type: str | None = Field(None, alias="VALUE_TYPE")


class Contact(_Lenient):
    id: int = Field(alias="ID")
    name: str | None = Field(None, alias="NAME")
    last_name: str | None = Field(None, alias="LAST_NAME")
    phones: list[MultiField] = Field(default_factory=list, alias="PHONE")


class CrmItem(_Lenient):
    id: int
    title: str | None = None
    stage_id: str | None = Field(None, alias="stageId")
    contact_id: int | None = Field(None, alias="contactId")


class WorkflowTemplate(_Lenient):
    id: int = Field(alias="ID")
    name: str | None = Field(None, alias="NAME")
    module_id: str | None = Field(None, alias="MODULE_ID")
    entity: str | None = Field(None, alias="ENTITY")
    document_type: list[str] | None = Field(None, alias="DOCUMENT_TYPE")
    auto_execute: int | None = Field(None, alias="AUTO_EXECUTE")
    parameters: dict[str, Any] | None = Field(None, alias="PARAMETERS")

    @field_validator("parameters", mode="before")
    @classmethod
    def _empty_map(cls, value: Any) -> Any:
        return {} if value == [] else value  # PHP's [] for an empty map


class WorkflowInstance(_Lenient):
    id: str = Field(alias="ID")
    template_id: int | None = Field(None, alias="TEMPLATE_ID")
    document_id: str | None = Field(None, alias="DOCUMENT_ID")
    entity: str | None = Field(None, alias="ENTITY")
    modified: str | None = Field(None, alias="MODIFIED")
    started: str | None = Field(None, alias="STARTED")
    owned_until: str | None = Field(None, alias="OWNED_UNTIL")
