from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from olchat_desktop.storage.library import TemplateLibrary


@pytest.fixture
def library(tmp_path: Path) -> Iterator[TemplateLibrary]:
    """A fresh template library in its own file (both the Template and the draft API)."""
    lib = TemplateLibrary(tmp_path / "library.sqlite3")
    yield lib
    lib.close()
