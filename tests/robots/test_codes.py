"""Robot CODEs: valid characters only, stable, distinct for distinct names."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from olchat_desktop.robots.codes import MAX_CODE_LENGTH, is_valid_code, robot_code


def test_cyrillic_is_transliterated() -> None:
    assert robot_code("Щука: запись на приём!") == "olchat_shchuka_zapis_na_priem"
    assert robot_code("Юля, Объявление") == "olchat_iulia_obieiavlenie"


def test_latin_accents_and_case() -> None:
    assert robot_code("  Café  Feedback v2 ") == "olchat_cafe_feedback_v2"


def test_unspellable_names_get_distinct_hash_codes() -> None:
    first, second = robot_code("🎉🎉"), robot_code("好的")
    assert first.startswith("olchat_template_") and first != second
    assert is_valid_code(first) and is_valid_code(second)


def test_long_names_are_cut_with_a_hash() -> None:
    base = "Очень длинное название шаблона " * 5
    first, second = robot_code(base + "A"), robot_code(base + "B")
    assert len(first) <= MAX_CODE_LENGTH and first != second


@given(st.text(max_size=200))
def test_every_name_gives_a_valid_stable_code(name: str) -> None:
    code = robot_code(name)
    assert is_valid_code(code)
    assert robot_code(name) == code
