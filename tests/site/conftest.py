"""Fixtures of the site tests: a store holding the hand-made lists of :mod:`site_graph`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kg.queries import run_query
from kg.store.oxigraph import OxigraphStore
from tests.site.site_graph import clean_list, hostile_list, load


@pytest.fixture
def store() -> OxigraphStore:
    """An in-memory store with the clean and the hostile list."""
    return load(OxigraphStore(None), clean_list(), hostile_list())


@pytest.fixture
def runner() -> Callable[..., list[dict[str, Any]]]:
    """The canned-query runner the site uses by default."""
    return run_query
