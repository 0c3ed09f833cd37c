"""Every command picks its answer language the same way (one helper, issue 17's folding)."""

from __future__ import annotations

import argparse

import pytest

from olchat_desktop.commands.command_lang import command_lang


@pytest.mark.parametrize(
    ("own", "top", "env", "expected"),
    [
        ("en", "ru", "ru_RU.UTF-8", "en"),  # the command's own --lang wins
        (None, "ru", "en_US.UTF-8", "ru"),  # then the top-level --lang
        (None, None, "ru_RU.UTF-8", "ru"),  # then the environment
        (None, None, "C.UTF-8", "en"),
        (None, "xx", "", "en"),  # nothing usable: English
    ],
)
def test_command_lang(
    own: str | None, top: str | None, env: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", env)
    assert command_lang(argparse.Namespace(message_lang=own, lang=top)) == expected
