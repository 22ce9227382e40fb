"""Fixtures: the two bundled sample lists copied into a folder the test may change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.ingest import bundled_samples


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder holding copies of the bundled sample lists (天水, 瓜州)."""
    folder = tmp_path / "lists"
    folder.mkdir()
    for sample in bundled_samples():
        shutil.copy(sample, folder / sample.name)
    return folder
