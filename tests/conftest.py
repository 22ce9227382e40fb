"""Shared fixtures: the bundled sample lists."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from kg.ingest import bundled_samples

if TYPE_CHECKING:
    from tests.virtuoso import Virtuoso


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    """The two bundled sample lists: 天水市医保局权责清单.txt and 瓜州县医疗保障局权责清单.txt (in that order)."""
    return bundled_samples()


# --- Virtuoso (owned by the server engineer: tests/virtuoso.py) -------------------------


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """One Virtuoso on loopback for the whole session; skipped, with the reason, if it can't run."""
    from tests.virtuoso import VirtuosoUnavailableError, running

    try:
        with running(tmp_path_factory.mktemp("virtuoso")) as server:
            yield server
    except VirtuosoUnavailableError as error:
        warnings.warn(f"Virtuoso tests skipped: {error}", stacklevel=1)
        pytest.skip(f"Virtuoso unavailable: {error}")
