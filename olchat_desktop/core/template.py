"""The template model: one robot configuration plus name, tags and expression samples."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from olchat_desktop.core.template_draft import new_template_id, utc_now

__all__ = ["Template", "utc_now"]


class Template(BaseModel):
    """A button-message robot configuration, in the robot's field order."""

    model_config = ConfigDict(validate_assignment=True, extra="forbid")

    id: str = Field(default_factory=new_template_id)
    name: str = ""
    line: str = ""
    phone: str = ""
    header: str = ""
    message: str = ""
    footer: str = ""
    buttons: list[str] = Field(default_factory=list)
    wait_for_reply: bool = False
    tags: list[str] = Field(default_factory=list)
    samples: dict[str, str] = Field(default_factory=dict)
    # Expression source -> the CRM item its sample was read from ("deal:14"); a sample
    # typed by hand has none. Lets the editor mark such samples and refill them later.
    sample_origins: dict[str, str] = Field(default_factory=dict)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
