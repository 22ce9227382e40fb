"""The notebook drawing: self-contained and inert."""

from __future__ import annotations

import re
from typing import Any

from kg.site.data import load_site_data
from kg.site.links import Linker
from kg.site.networks import provision_network
from kg.site.notebook import show, standalone_html
from tests.site.site_graph import ART58


def test_standalone_has_no_external_reference(store: Any, runner: Any) -> None:
    data = load_site_data(store, runner)
    doc = standalone_html(provision_network(data, Linker(data), ART58))
    assert not re.search(r"""(?:src|href)\s*=\s*["']""", doc)
    assert "vis.Network" in doc and "<script>alert(1)" not in doc
    assert '"url":null' in doc


def test_show_wraps_an_escaped_srcdoc(store: Any, runner: Any) -> None:
    data = load_site_data(store, runner)
    out = show(provision_network(data, Linker(data), ART58)).data
    assert out.count("<iframe") == 1 and out.count("<script") == 0
    assert 'sandbox="allow-scripts"' in out
