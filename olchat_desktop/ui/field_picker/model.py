"""The field picker's model: a portal's fields grouped by entity, filtered as you type.

Filtering is a plain-Python pass over precomputed search keys (label, code, type and
entity names in Russian and English, case-folded, «ё» read as «е»), then one model reset:
at 2,000 fields that is well under a millisecond, where a ``QSortFilterProxyModel`` calls
back into Python for every row (``benchmarks/field_picker_bench.py`` prints both costs).
The rows are flat: a heading row per entity with matches, then its fields; the view spans
each heading across the columns.
"""

from __future__ import annotations

from typing import Any, NamedTuple

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from olchat_desktop.core.field_catalogue import ENTITIES, CatalogueField, CrmEntity, FieldCatalogue
from olchat_desktop.core.i18n import Lang, text
from olchat_desktop.ui.i18n import N_

FIELD_ROLE = Qt.ItemDataRole.UserRole
HEADING_ROLE = Qt.ItemDataRole.UserRole + 1
ModelIndex = QModelIndex | QPersistentModelIndex

ENTITY_NAMES: dict[str, str] = {
    "deal": N_("Deal"),
    "contact": N_("Contact"),
    "company": N_("Company"),
    "lead": N_("Lead"),
}
# The order the picker shows the groups in (the order, deals first).
GROUP_ORDER: tuple[CrmEntity, ...] = ("deal", "contact", "company", "lead")
assert set(GROUP_ORDER) == set(ENTITIES)

# Bitrix24 field types (reference bitrix24.md §7) as people name them.
TYPE_NAMES: dict[str, str] = {
    "string": N_("String"),
    "integer": N_("Integer"),
    "double": N_("Number"),
    "char": N_("Yes/No (char)"),
    "date": N_("Date"),
    "datetime": N_("Date and time"),
    "crm_status": N_("Status, stage"),
    "crm_currency": N_("Currency"),
    "user": N_("Employee"),
    "employee": N_("Employee"),
    "enumeration": N_("List"),
    "money": N_("Money"),
    "boolean": N_("Yes/No"),
    "file": N_("File"),
    "url": N_("Link"),
    "address": N_("Address"),
    "location": N_("Location"),
    "crm_multifield": N_("Phone, e-mail"),
    "crm_contact": N_("Linked contact"),
    "crm_company": N_("Linked company"),
    "crm_lead": N_("Linked lead"),
    "crm_deal": N_("Linked deal"),
    "crm": N_("CRM link"),
    "iblock_element": N_("List element"),
    "iblock_section": N_("List section"),
}

# English names of the standard fields: portals name them in their own language, so an
# English-speaking user can still type "first name" (the old fixed menu showed these).
ENGLISH_NAMES: dict[str, str] = {
    "NAME": "First name",
    "LAST_NAME": "Last name",
    "SECOND_NAME": "Middle name",
    "TITLE": "Title",
    "COMPANY_TITLE": "Company name",
    "OPPORTUNITY": "Amount",
    "CURRENCY_ID": "Currency",
    "BEGINDATE": "Start date",
    "CLOSEDATE": "Close date",
    "DATE_CREATE": "Created on",
    "DATE_MODIFY": "Modified on",
    "ASSIGNED_BY_ID": "Responsible person",
    "STAGE_ID": "Stage",
    "STATUS_ID": "Status",
    "SOURCE_ID": "Source",
    "PHONE": "Phone",
    "EMAIL": "E-mail",
    "COMMENTS": "Comment",
    "ADDRESS": "Address",
    "BIRTHDATE": "Birthday",
    "POST": "Position",
    "ID": "ID",
}


def fold(text: str) -> str:
    """Search form of a text: case-folded, «ё» as «е» (people type either)."""
    return text.casefold().replace("ё", "е")


def type_name(field_type: str, lang: Lang) -> str:
    name = TYPE_NAMES.get(field_type)
    return text(lang, name) if name else field_type


def search_key(field: CatalogueField) -> str:
    """Everything a query may match, in both languages, joined by a separator that no
    query contains (queries are split on spaces)."""
    en_type = TYPE_NAMES.get(field.type, field.type)
    en_entity = ENTITY_NAMES[field.entity]
    ru_type, ru_entity = text("ru", en_type), text("ru", en_entity)
    parts = [field.label, field.code, field.type, ru_type, en_type, ru_entity, en_entity]
    english = ENGLISH_NAMES.get(field.code)
    if english:
        parts.append(english)
    if field.custom:
        parts += ["UF", "польз", "свое", "custom"]
    return fold("\n".join(parts))


_ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.BackgroundRole,
        FIELD_ROLE,
        HEADING_ROLE,
    )
)
_HEADING_FLAGS = Qt.ItemFlag.ItemIsEnabled
_FIELD_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class _Row(NamedTuple):
    entity: CrmEntity
    field: CatalogueField | None  # None: the entity's heading row
    matches: int = 0  # heading rows: how many fields match


class FieldPickerModel(QAbstractTableModel):
    """Columns: field (label), code, type. Heading rows are not selectable."""

    COLUMNS = 3

    def __init__(self, lang: Lang = "ru") -> None:
        super().__init__()
        self.lang: Lang = lang
        self.catalogue = FieldCatalogue(fields=())
        self._fields: list[CatalogueField] = []
        self._keys: list[str] = []
        self._rows: list[_Row] = []
        self._query: tuple[str, ...] = ()
        self._texts: dict[tuple[int, int], str] = {}  # (id(field), column) -> text shown
        self._bold = QFont()
        self._bold.setBold(True)
        # Translucent grey: a visible band on light and dark themes alike.
        self._heading_brush = QBrush(QColor(128, 128, 128, 48))

    # -- data in ------------------------------------------------------------------------

    def set_catalogue(self, catalogue: FieldCatalogue) -> None:
        order = {entity: index for index, entity in enumerate(GROUP_ORDER)}
        # Stable sort: the portal's order within an entity is kept.
        self._fields = sorted(catalogue.fields, key=lambda f: order[f.entity])
        self._keys = [search_key(field) for field in self._fields]
        self._texts = {}
        self.catalogue = catalogue
        self._rebuild()

    def set_query(self, text: str) -> None:
        query = tuple(fold(text).split())
        if query != self._query:
            self._query = query
            self._rebuild()

    def set_language(self, lang: Lang) -> None:
        self.lang = lang
        self._texts = {}
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 2))
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)

    def _rebuild(self) -> None:
        query = self._query
        keys = self._keys
        pairs = zip(self._fields, keys, strict=True)
        if not query:
            matches = list(self._fields)
        elif len(query) == 1:  # the common case, without a generator per field
            word = query[0]
            matches = [field for field, key in pairs if word in key]
        else:
            matches = [field for field, key in pairs if all(w in key for w in query)]
        rows: list[_Row] = []
        start = 0
        while start < len(matches):
            entity = matches[start].entity
            end = start
            while end < len(matches) and matches[end].entity == entity:
                end += 1
            rows.append(_Row(entity, None, end - start))
            rows.extend(_Row(entity, field) for field in matches[start:end])
            start = end
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    # -- queries ------------------------------------------------------------------------

    def heading_rows(self) -> list[int]:
        return [row for row, item in enumerate(self._rows) if item.field is None]

    def field_at(self, row: int) -> CatalogueField | None:
        return self._rows[row].field if 0 <= row < len(self._rows) else None

    def match_count(self) -> int:
        return sum(1 for row in self._rows if row.field is not None)

    # -- Qt -----------------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid() or self._rows[index.row()].field is None:
            return _HEADING_FLAGS
        return _FIELD_FLAGS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        names = (N_("Field"), N_("Code"), N_("Type"))
        return text(self.lang, names[section]) if 0 <= section < 3 else None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Views ask for a dozen roles per cell on every paint; most have no answer here.
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        row = self._rows[index.row()]
        field = row.field
        if field is None:
            return self._heading_data(row, index.column(), role)
        if role == Qt.ItemDataRole.DisplayRole:
            key = (id(field), index.column())
            text = self._texts.get(key)
            if text is None:
                text = self._texts[key] = self._field_text(field, index.column())
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            return field.display_form() + "\n" + field.code_form()
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return " ".join(self._field_text(field, column) for column in range(3))
        if role == FIELD_ROLE:
            return field
        return None

    def _field_text(self, field: CatalogueField, column: int) -> str:
        lang = self.lang
        if column == 0:
            english = ENGLISH_NAMES.get(field.code) if lang == "en" else None
            label = (
                f"{field.label} ({english})" if english and english != field.label else field.label
            )
            # The mark people look for: a star before a custom (UF_) field.
            return f"★ {label}" if field.custom else label
        if column == 1:
            return field.code
        shown = type_name(field.type, lang)
        if field.multiple:
            shown += text(lang, ", multiple")
        if field.custom:
            shown += text(lang, " · custom field")
        return shown

    def _heading_data(self, row: _Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            return f"{text(self.lang, ENTITY_NAMES[row.entity])} ({row.matches})"
        if role == Qt.ItemDataRole.FontRole:
            return self._bold
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._heading_brush
        if role == HEADING_ROLE:
            return row.entity
        return None
