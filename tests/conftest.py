"""Shared fixtures: the bundled sample lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import bundled_samples


@pytest.fixture(scope="session")
def sample_paths() -> list[Path]:
    """The two bundled sample lists: 天水 (000_…) and 瓜州 (001_…)."""
    return bundled_samples()
