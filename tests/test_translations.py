"""The gettext catalogue is complete, compiled, and its lookups behave (issue 17).

- Every string the code marks (``text/ntext/ptext`` in core, ``ui_text/ui_ntext/ui_ptext``
  in the UI; keywords in ``babel.cfg``) has a non-fuzzy Russian translation, and the
  ``.po`` keeps no string the code no longer has. Extraction runs through Babel's own
  API with the project's mapping file, exactly what ``pybabel extract -F babel.cfg`` does.
- The committed ``.mo`` says what the ``.po`` says (nobody forgot to compile).
- Every translation keeps exactly the ``{field}`` names of its msgid, so ``.format()``
  cannot fail or lose a value in one language only.
- ``text/ntext/ptext`` pick the right entry, Russian plural forms included.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

from olchat_desktop.core import i18n

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "olchat_desktop"
TRANSLATED = [lang for lang in i18n.LANGS if lang != i18n.SOURCE_LANG]

MessageKey = tuple[str, str | None]  # (msgid, msgctxt)


def _po_path(lang: str) -> Path:
    return i18n.catalogue_path(lang).with_suffix(".po")  # type: ignore[arg-type]


def _read_po(lang: str) -> Catalog:
    with _po_path(lang).open("rb") as handle:
        return read_po(handle)


def _msgid(message: Message) -> str:
    return message.id if isinstance(message.id, str) else message.id[0]


def _key(message: Message) -> MessageKey:
    return _msgid(message), message.context


def _entries(catalog: Catalog) -> Iterator[Message]:
    return (message for message in catalog if message.id)


@pytest.fixture(scope="module")
def source_messages() -> dict[MessageKey, tuple[str, ...]]:
    """What the code marks for translation: {(msgid, context): (singular[, plural])}."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[MessageKey, tuple[str, ...]] = {}
    for _file, _line, msg, _comments, context in extract_from_dir(
        str(PACKAGE), method_map, options_map
    ):
        ids = (msg,) if isinstance(msg, str) else tuple(msg)
        found[(ids[0], context)] = ids
    return found


def test_extraction_sees_core_strings(source_messages: dict[MessageKey, tuple[str, ...]]) -> None:
    """Guards the check below: a broken mapping file would extract nothing and pass."""
    files = [p for p in PACKAGE.rglob("*.py") if "text(lang, " in p.read_text(encoding="utf-8")]
    assert files, "no module calls text(lang, ...) yet"
    assert len(source_messages) >= len(files)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogue_translates_every_source_string(
    lang: str, source_messages: dict[MessageKey, tuple[str, ...]]
) -> None:
    catalog = _read_po(lang)
    entries = {_key(message): message for message in _entries(catalog)}
    missing = sorted(
        f"{ctx or ''}|{msgid}"
        for (msgid, ctx), ids in source_messages.items()
        if (msgid, ctx) not in entries
        or not _translated(entries[(msgid, ctx)], plural=len(ids) > 1)
    )
    obsolete = sorted(f"{ctx or ''}|{msgid}" for msgid, ctx in entries.keys() - source_messages)
    obsolete += sorted(f"#~ {_msgid(m)}" for m in catalog.obsolete.values())
    fuzzy = sorted(_msgid(m) for m in _entries(catalog) if m.fuzzy)
    hint = "run: bash scripts/update_translations.sh, translate, run it again"
    assert not missing, f"{lang}: untranslated ({hint}): {missing[:20]}"
    assert not obsolete, f"{lang}: obsolete entries ({hint}): {obsolete[:20]}"
    assert not fuzzy, f"{lang}: fuzzy entries to confirm: {fuzzy[:20]}"
    assert not catalog.fuzzy, f"{lang}: the catalogue header is marked fuzzy"


def _translated(message: Message, *, plural: bool) -> bool:
    if message.fuzzy:
        return False
    if plural != message.pluralizable:
        return False
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(forms)


# A ``str.format`` field: {name}, {name!r}, {count:,}; doubled braces are literal text, and
# so is a JSON example such as {"STAGE_ID": "NEW"} in a msgid that is never formatted.
_FIELD = re.compile(r"(?<!\{)\{([A-Za-z_]\w*)(?:[!:][^{}]*)?\}")


def _fields(pattern: str) -> set[str]:
    return set(_FIELD.findall(pattern.replace("{{", "").replace("}}", "")))


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_the_placeholders(lang: str) -> None:
    wrong = []
    for message in _entries(_read_po(lang)):
        ids = (message.id,) if isinstance(message.id, str) else tuple(message.id)
        expected = _fields(ids[-1])
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        for form in forms:
            if _fields(form) != expected:
                wrong.append(f"{ids[-1]!r} -> {form!r}")
            elif expected:
                form.format(**dict.fromkeys(expected, 7))  # a malformed brace raises here
    assert not wrong, wrong


@pytest.mark.parametrize("lang", TRANSLATED)
def test_committed_mo_matches_the_po(lang: str, tmp_path: Path) -> None:
    """The .mo the app loads equals a fresh compile of the .po (fuzzy entries left out,
    as ``pybabel compile`` does)."""
    with i18n.catalogue_path(lang).open("rb") as handle:  # type: ignore[arg-type]
        committed = read_mo(handle)
    fresh_path = tmp_path / "fresh.mo"
    with fresh_path.open("wb") as handle:
        write_mo(handle, _read_po(lang))
    with fresh_path.open("rb") as handle:
        fresh = read_mo(handle)

    def content(catalog: Catalog) -> dict[MessageKey, object]:
        return {_key(m): m.string for m in _entries(catalog)}

    assert content(committed) == content(fresh), "run: bash scripts/update_translations.sh"
    assert committed.plural_forms == fresh.plural_forms


def _russian_form(n: int) -> int:
    """Russian plural form index, written independently of the catalogue's formula."""
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if n % 10 in (2, 3, 4) and n % 100 not in (12, 13, 14):
        return 1
    return 2


@pytest.fixture
def sample_catalogue(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A throwaway ru catalogue with the real one's header, so lookups are tested on known
    entries whatever the code's strings are today."""
    real = _read_po("ru")
    catalog = Catalog(locale="ru", header_comment="")
    catalog.mime_headers = real.mime_headers
    catalog.add("Template «{name}» saved", "Шаблон «{name}» сохранён")
    catalog.add(
        ("{count} character", "{count} characters"),
        ("{count} символ", "{count} символа", "{count} символов"),
    )
    catalog.add("Open", "Открыть", context="verb")
    catalog.add("Open", "Открыт", context="state")
    catalog.add("Unconfirmed", "Не подтверждено", flags={"fuzzy"})
    folder = tmp_path / "locale" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{i18n.DOMAIN}.mo").open("wb") as handle:
        write_mo(handle, catalog)
    with (folder / f"{i18n.DOMAIN}.po").open("wb") as handle:
        write_po(handle, catalog)
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
    i18n.translator.cache_clear()
    yield
    i18n.translator.cache_clear()


@pytest.mark.usefixtures("sample_catalogue")
def test_text_translates_and_keeps_fields() -> None:
    assert i18n.text("ru", "Template «{name}» saved").format(name="A") == "Шаблон «A» сохранён"
    assert i18n.text("en", "Template «{name}» saved").format(name="A") == "Template «A» saved"
    # Untranslated and fuzzy entries fall back to the English source text.
    assert i18n.text("ru", "Not in the catalogue") == "Not in the catalogue"
    assert i18n.text("ru", "Unconfirmed") == "Unconfirmed"


@pytest.mark.usefixtures("sample_catalogue")
@pytest.mark.parametrize("n", [0, 1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1000])
def test_ntext_russian_plural_forms(n: int) -> None:
    forms = ("{count} символ", "{count} символа", "{count} символов")
    got = i18n.ntext("ru", "{count} character", "{count} characters", n).format(count=n)
    assert got == forms[_russian_form(n)].format(count=n)
    english = i18n.ntext("en", "{count} character", "{count} characters", n).format(count=n)
    assert english == (f"{n} character" if n == 1 else f"{n} characters")


@pytest.mark.usefixtures("sample_catalogue")
def test_ptext_separates_contexts() -> None:
    assert i18n.ptext("ru", "verb", "Open") == "Открыть"
    assert i18n.ptext("ru", "state", "Open") == "Открыт"
    assert i18n.ptext("ru", "other", "Open") == "Open"
    assert i18n.text("ru", "Open") == "Open"  # no context: a different entry
    assert i18n.ptext("en", "verb", "Open") == "Open"


def test_missing_catalogue_falls_back_to_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "nowhere")
    i18n.translator.cache_clear()
    try:
        assert i18n.text("ru", "Message is empty") == "Message is empty"
        assert "not readable" in caplog.text
    finally:
        i18n.translator.cache_clear()


def test_real_catalogue_loads_with_russian_plural_rule() -> None:
    i18n.translator.cache_clear()
    tr = i18n.translator("ru")
    assert type(tr).__name__ == "GNUTranslations"
    assert tr.info()["plural-forms"].startswith("nplurals=3;")
    plural_entries = [m for m in _entries(_read_po("ru")) if m.pluralizable]
    for message in plural_entries:
        for n in (1, 2, 5, 11, 21):
            assert (
                i18n.ntext("ru", message.id[0], message.id[1], n)
                == message.string[_russian_form(n)]
            )
    assert i18n.translator("ru") is tr  # cached: one load per language per process


def test_catalogues_load_lazily() -> None:
    """Importing the module loads no catalogue and not even ``gettext``: the CLI's and the
    core's start-up stay as they were until a message is shown."""
    import subprocess
    import sys

    probe = (
        "import sys, olchat_desktop.core.i18n as i; "
        "print('gettext' in sys.modules, i.translator.cache_info().currsize)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert done.stdout.split() == ["False", "0"], done.stderr


def test_empty_text_stays_empty() -> None:
    """gettext answers "" with the catalogue's header; an empty hint must stay empty."""
    assert i18n.text("ru", "") == ""
    assert i18n.LazyText("")("ru") == ""


# Calls whose msgid is a literal: Babel must see every one of them. A call inside an
# f-string's braces (Python 3.11 tokenizes the f-string as one string) is invisible to it,
# so its text would silently stay English; this catches that.
_KEYWORD_MSGID_ARGS = {
    "text": (1,),
    "ntext": (1, 2),
    "ptext": (2,),
    "LazyText": (0,),
    "N_": (0,),
    "ui_text": (0,),
    "ui_ntext": (0, 1),
    "ui_ptext": (1,),
}


def test_every_literal_msgid_is_extracted(
    source_messages: dict[MessageKey, tuple[str, ...]],
) -> None:
    extracted = {msgid for ids in source_messages.values() for msgid in ids}
    missed = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            for index in _KEYWORD_MSGID_ARGS.get(node.func.id, ()):
                if index >= len(node.args):
                    continue
                arg = node.args[index]
                literal = isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                if literal and arg.value and arg.value not in extracted:
                    missed.append(f"{path.relative_to(ROOT)}:{node.lineno}: {arg.value!r}")
    assert not missed, "not extracted (inside an f-string?): " + "; ".join(missed[:20])
