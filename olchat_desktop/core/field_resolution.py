"""Which catalogue field a robot expression names, the way Bitrix24 resolves it.

Bitrix24's robot designer stores ``{=Document:CODE}`` and shows ``{{Label}}``; when a
robot is saved it converts each ``{{…}}`` back with
``Bitrix\\Bizproc\\Automation\\Helper::unConvertExpressions`` (bizproc module,
``lib/automation/helper.php``; read via the ``code`` search of public mirrors):

- the text between the braces is split on ``>``; the parts are joined back one at a time
  (so a label that itself contains ``>`` still matches) and each prefix is looked up with
  ``array_search(trim($fieldName), $names)``, where ``$names`` are the document fields'
  names, also ``trim``-med (``getDocumentFields``);
- what follows the matched prefix is the modifier: ``{{Филиал > printable}}`` becomes
  ``{=Document:UF_CRM_… > printable}``;
- ``{{Label_printable}}`` is the older spelling of ``{{Label > printable}}``;
- a name that matches nothing is left as typed, and the robot prints it literally or as
  nothing — the bug the ``unknown_field`` warning exists for.

So the match is **exact and case-sensitive** (PHP ``==`` between two non-numeric
strings), «ё» and «е» are different letters, and only PHP ``trim``'s characters
(space, tab, CR, LF, NUL, vertical tab) are ignored around the label — a no-break space
copied from a web page is not. :func:`resolve_expression` follows exactly that. The
``{=Document:CODE}`` form names the field by its code, also exactly; a code ending in
``_PRINTABLE`` (``ASSIGNED_BY_PRINTABLE``, which bizproc offers for CRM documents but
``crm.*.fields`` does not list) resolves to its base field.

:func:`closest_field` finds a suggestion for a name that did not resolve: first a match
that ignores case, «ё»/«е», control characters and all spacing, then ``difflib``'s
closest label (or code). :func:`builtin_catalogue` is the fallback list of common
standard fields when no portal catalogue is available (titles as ``crm.*.fields`` gives
them on a Russian portal, apidocs ``crm-deal-fields``, ``crm-contact-fields``,
``crm-lead-fields``, ``crm-company-fields``).
"""

from __future__ import annotations

import difflib
import unicodedata
from typing import NamedTuple

from olchat_desktop.core.expressions import Expression
from olchat_desktop.core.field_catalogue import (
    ENTITIES,
    CatalogueField,
    CrmEntity,
    FieldCatalogue,
)

# PHP trim()'s default character list: " \t\n\r\0\x0B".
_PHP_TRIM = " \t\n\r\x00\x0b"
_PRINTABLE_SUFFIX = "_printable"


class Resolution(NamedTuple):
    """A resolved expression: the field, and the text that named it (label or code)."""

    field: CatalogueField
    matched: str  # the label or code exactly as the expression spelled it, untrimmed
    modifier: str  # "printable" or "" (what follows the matched name)


def php_trim(text: str) -> str:
    return text.strip(_PHP_TRIM)


class _EntityIndex(NamedTuple):
    by_label: dict[str, CatalogueField]
    by_code: dict[str, CatalogueField]
    by_loose_label: dict[str, CatalogueField]
    by_loose_code: dict[str, CatalogueField]
    loose_labels: list[str]
    loose_codes: list[str]
    # Trigram -> positions in loose_labels / loose_codes, built on first need; and the
    # suggestions already made (the editor validates the same names on every keystroke).
    grams: dict[str, dict[str, list[int]]]
    suggestions: dict[tuple[str, str], CatalogueField | None]


# One cached index: validation runs on every keystroke with the same catalogue object.
_index_cache: list[tuple[object, dict[str, _EntityIndex]]] = []


def loose_key(text: str) -> str:
    """A key for "almost the same" names: case, «ё», control characters and spacing ignored."""
    kept = "".join(text.split())
    if not kept.isprintable():  # rare: only then the per-character category check
        kept = "".join(c for c in kept if unicodedata.category(c) not in ("Cc", "Cf"))
    return kept.casefold().replace("ё", "е")


def _index(catalogue: FieldCatalogue, entity: CrmEntity) -> _EntityIndex:
    for fields, cached in _index_cache:
        if fields is catalogue.fields:
            return cached[entity]
    per_entity: dict[str, _EntityIndex] = {
        name: _EntityIndex({}, {}, {}, {}, [], [], {}, {}) for name in ENTITIES
    }
    for field in catalogue.fields:  # one pass: a portal may list thousands of fields
        index = per_entity.get(field.entity)
        if index is None:
            continue
        index.by_label.setdefault(php_trim(field.label), field)
        index.by_code.setdefault(field.code, field)
        index.by_loose_label.setdefault(loose_key(field.label), field)
        index.by_loose_code.setdefault(field.code.casefold(), field)
    for index in per_entity.values():
        index.loose_labels.extend(index.by_loose_label)
        index.loose_codes.extend(index.by_loose_code)
    _index_cache[:] = [(catalogue.fields, per_entity)]
    return per_entity[entity]


def _display_inner(expression: Expression) -> str:
    return expression.source[2:-2]


def resolve_display(inner: str, catalogue: FieldCatalogue, entity: CrmEntity) -> Resolution | None:
    """``unConvertExpressions`` on the text between ``{{`` and ``}}``."""
    index = _index(catalogue, entity)
    pairs = inner.split(">")
    name = ""
    for position, pair in enumerate(pairs):
        name = f"{name}>{pair}" if position else pair
        field = index.by_label.get(php_trim(name))
        if field is not None:
            rest = pairs[position + 1 :]
            return Resolution(field, name, php_trim(rest[0]) if rest else "")
    if name.endswith(_PRINTABLE_SUFFIX):
        base = name[: -len(_PRINTABLE_SUFFIX)]
        field = index.by_label.get(php_trim(base))
        if field is not None:
            return Resolution(field, base, "printable")
    return None


def resolve_code(code: str, catalogue: FieldCatalogue, entity: CrmEntity) -> CatalogueField | None:
    index = _index(catalogue, entity)
    field = index.by_code.get(code)
    if field is None and code.upper().endswith("_PRINTABLE"):
        # bizproc's ASSIGNED_BY_PRINTABLE is the text of ASSIGNED_BY (ASSIGNED_BY_ID in REST).
        base = code[: -len("_PRINTABLE")]
        field = index.by_code.get(base) or index.by_code.get(base + "_ID")
    return field


def resolve(
    expression: Expression, catalogue: FieldCatalogue, entity: CrmEntity
) -> Resolution | None:
    """Like :func:`resolve_expression`, with the spelling that matched and the modifier."""
    if expression.kind == "display":
        return resolve_display(_display_inner(expression), catalogue, entity)
    if expression.kind == "document":
        field = resolve_code(expression.name, catalogue, entity)
        if field is None:
            return None
        printable = expression.modifier or (
            "printable" if expression.name.upper().endswith("_PRINTABLE") else ""
        )
        return Resolution(field, expression.name, printable)
    return None


def resolve_expression(
    expression: Expression, catalogue: FieldCatalogue, entity: CrmEntity
) -> CatalogueField | None:
    """The field ``{{Label}}`` / ``{=Document:CODE}`` (with or without ``> printable``) names.

    None for a name the catalogue does not hold, and for expressions that are not about
    the document (variables, constants, the calculator, ``{=System:Now}``…).
    """
    found = resolve(expression, catalogue, entity)
    return found.field if found is not None else None


def is_printable(expression: Expression, catalogue: FieldCatalogue, entity: CrmEntity) -> bool:
    """Whether the robot prints the expression's printable (text) form."""
    found = resolve(expression, catalogue, entity)
    return found is not None and found.modifier.casefold() == "printable"


def display_name(expression: Expression) -> str:
    """The name a ``{{…}}`` expression spells, without a trailing ``> modifier``."""
    inner = _display_inner(expression)
    name = inner.split(">")[0] if ">" in inner else inner
    if name.endswith(_PRINTABLE_SUFFIX):
        name = name[: -len(_PRINTABLE_SUFFIX)]
    return name


def _trigrams(text: str) -> set[str]:
    padded = f"  {text} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _candidates(index: _EntityIndex, by: str, key: str) -> list[str]:
    """At most :data:`MAX_CANDIDATES` names sharing the most trigrams with ``key``.

    ``difflib`` over every label of a 3,000-field portal costs ~30 ms, too slow for a
    keystroke; a near name shares most of its trigrams, so only the best few are compared.
    """
    names = index.loose_codes if by == "code" else index.loose_labels
    if len(names) <= MAX_CANDIDATES:
        return names
    grams = index.grams.get(by)
    if grams is None:
        grams = {}
        for position, text in enumerate(names):
            for gram in _trigrams(text):
                grams.setdefault(gram, []).append(position)
        index.grams[by] = grams
    # Grams most labels share ("оле", "ент" in «Поле … клиента») tell nothing apart and
    # cost the most to count: only the rarer ones vote, or the two rarest if all are common.
    postings = sorted((grams.get(gram, []) for gram in _trigrams(key)), key=len)
    common = max(MAX_CANDIDATES, len(names) // 10)
    voters = [p for p in postings if p and len(p) <= common] or [p for p in postings if p][:2]
    hits: dict[int, int] = {}
    for posting in voters:
        for position in posting:
            hits[position] = hits.get(position, 0) + 1
    best = sorted(hits, key=hits.__getitem__, reverse=True)[:MAX_CANDIDATES]
    return [names[position] for position in best]


MAX_CANDIDATES = 20
_MAX_REMEMBERED = 2048


def closest_field(
    name: str, catalogue: FieldCatalogue, entity: CrmEntity, *, by: str = "label"
) -> CatalogueField | None:
    """The field whose label (``by="label"``) or code (``by="code"``) is nearest to ``name``."""
    index = _index(catalogue, entity)
    remembered = index.suggestions.get((by, name), _MISSING)
    if remembered is not _MISSING:
        return remembered  # type: ignore[return-value]
    if len(index.suggestions) >= _MAX_REMEMBERED:
        index.suggestions.clear()
    found = _closest(index, name, by)
    index.suggestions[(by, name)] = found
    return found


_MISSING = object()


def loose_match(name: str, catalogue: FieldCatalogue, entity: CrmEntity) -> CatalogueField | None:
    """The field whose label equals ``name`` but for case, «ё» and spacing (no guessing)."""
    return _index(catalogue, entity).by_loose_label.get(loose_key(name))


def _closest(index: _EntityIndex, name: str, by: str) -> CatalogueField | None:
    if by == "code":
        key = name.strip().casefold()
        exact = index.by_loose_code.get(key)
        if exact is not None:
            return exact
        near = difflib.get_close_matches(key, _candidates(index, by, key), n=1, cutoff=0.75)
        return index.by_loose_code[near[0]] if near else None
    key = loose_key(name)
    if not key:
        return None
    exact = index.by_loose_label.get(key)
    if exact is not None:
        return exact
    near = difflib.get_close_matches(key, _candidates(index, by, key), n=1, cutoff=0.6)
    return index.by_loose_label[near[0]] if near else None


def builtin_catalogue() -> FieldCatalogue:
    """Common standard fields of deals, contacts, leads and companies (``source="builtin"``)."""
    from olchat_desktop.core.field_builtin import builtin_fields

    return FieldCatalogue(fields=builtin_fields(), source="builtin")


def prepare(catalogue: FieldCatalogue) -> None:
    """Build the lookup and suggestion indexes now (tens of ms for thousands of fields).

    Call it where the catalogue is loaded, off the GUI thread, so that the first keystroke
    validated against a new catalogue does not pay for it.
    """
    for entity in ENTITIES:
        index = _index(catalogue, entity)
        for by in ("label", "code"):
            _candidates(index, by, "")
