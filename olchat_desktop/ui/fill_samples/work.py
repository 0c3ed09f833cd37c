"""The portal work behind "Fill samples from CRM…", run on ``ui.tasks`` worker threads.

Searching calls ``bitrix.crm_items.search_items`` (server-side filter by title, phone or
ID); filling calls ``bitrix.crm_items.samples_from_item``, which reads the one item with
only the fields the template prints plus the names of the employees it shows, and turns
the raw values into the text the customer sees (``core.item_samples``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.ui.fill_samples.origin import ItemOrigin

if TYPE_CHECKING:
    from olchat_desktop.cancel import CancelToken
    from olchat_desktop.core.field_catalogue import CrmEntity, FieldCatalogue
    from olchat_desktop.core.template_draft import TemplateDraft
    from olchat_desktop.ui.catalogue.portal import ActivePortal, PortalFinder

SEARCH_LIMIT = 20


class ItemRow(NamedTuple):
    """One search result as the dialog lists it."""

    item_id: str
    title: str


class FillResult(NamedTuple):
    samples: dict[str, str]
    origin: ItemOrigin
    requests: int


class NoPortalError(Exception):
    def user_message(self, lang: Lang) -> str:
        return text(lang, "No portal is connected: connect one in Connections (Ctrl+Shift+K).")


def _portal(finder: PortalFinder) -> ActivePortal:
    portal = finder.find()
    if portal is None:
        raise NoPortalError
    return portal


def search(
    finder: PortalFinder, entity: CrmEntity, query: str, token: CancelToken
) -> list[ItemRow]:
    from olchat_desktop.bitrix.crm_items import search_items

    portal = _portal(finder)
    with portal.open_client() as client:
        token.check()
        found = search_items(client, entity, query, limit=SEARCH_LIMIT)
    return [ItemRow(item.id, item.title) for item in found]


def fill(
    finder: PortalFinder,
    template: TemplateDraft,
    catalogue: FieldCatalogue,
    origin: ItemOrigin,
    token: CancelToken,
) -> FillResult:
    """Samples for every expression the catalogue knows, from one item (≤ 2 requests:
    the item with the template's fields, then ``user.get`` for the employees it shows).
    Raises ``bitrix.crm_items.ItemVanishedError`` when the item is gone."""
    from olchat_desktop.bitrix.crm_items import samples_from_item

    entity: CrmEntity = origin.entity  # type: ignore[assignment]
    portal = _portal(finder)
    with portal.open_client() as client:
        token.check()
        filled = samples_from_item(client, template, catalogue, entity, origin.item_id)
    origin = ItemOrigin(entity, filled.item.id, filled.item.title)
    return FillResult(filled.samples, origin, filled.requests)
