"""Where samples came from: the CRM item ("из сделки #12") a fill read.

Here, below both the samples table (``ui.controllers.samples``) and the fill dialog, so
neither imports the other's package.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import NamedTuple

from olchat_desktop.core.i18n import N_, Lang, text

# One whole phrase per entity: Russian declines the entity's name ("из сделки").
_ENTITY_OF = {
    "deal": N_("from deal #{id}"),
    "contact": N_("from contact #{id}"),
    "company": N_("from company #{id}"),
    "lead": N_("from lead #{id}"),
}


class ItemOrigin(NamedTuple):
    """The CRM item samples were filled from."""

    entity: str  # "deal" | "contact" | "company" | "lead"
    item_id: str
    title: str = ""

    @property
    def ref(self) -> str:
        """How the template stores it (``Template.sample_origins`` values): "deal:12"."""
        return f"{self.entity}:{self.item_id}"

    @classmethod
    def from_ref(cls, ref: str) -> ItemOrigin | None:
        entity, _, item_id = ref.partition(":")
        return cls(entity, item_id) if entity in _ENTITY_OF and item_id else None

    def text(self, lang: Lang) -> str:
        phrase = _ENTITY_OF.get(self.entity)
        if phrase is None:
            return f"{self.entity} #{self.item_id}"
        return text(lang, phrase).format(id=self.item_id)


def latest_origin(sample_origins: Mapping[str, str]) -> ItemOrigin | None:
    """The item most samples came from (a refill reads it again), or None."""
    refs = Counter(sample_origins.values()).most_common()
    for ref, _count in refs:
        origin = ItemOrigin.from_ref(ref)
        if origin is not None:
            return origin
    return None
