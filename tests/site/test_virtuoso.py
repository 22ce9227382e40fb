"""The site queries give the same records on Virtuoso as on the embedded store."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import pytest

from kg.site.data import SiteData, load_site_data
from kg.store.oxigraph import OxigraphStore
from tests.site.site_graph import clean_list, hostile_list, load

pytestmark = pytest.mark.virtuoso


def records(data: SiteData) -> dict[str, Any]:
    """Everything the pages are built from, in a comparable form."""
    return {
        "instruments": {k: asdict(v) for k, v in data.instruments.items()},
        "provisions": {k: asdict(v) for k, v in data.provisions.items()},
        "agencies": {k: asdict(v) for k, v in data.agencies.items()},
        "items": {k: asdict(v) for k, v in data.items.items()},
        "citations": sorted((asdict(c) for c in data.citations), key=lambda c: c["iri"]),
        "rests_on": {k: sorted(v) for k, v in data.rests_on.items()},
    }


def test_same_records_as_oxigraph(virtuoso: Any) -> None:
    from kg.store.sparql import SparqlStore

    sparql = SparqlStore(virtuoso.endpoint, **virtuoso.store_options())
    try:
        load(sparql, clean_list(), hostile_list())
        expected = records(load_site_data(load(OxigraphStore(None), clean_list(), hostile_list())))
        assert records(load_site_data(sparql)) == expected
    finally:
        for graph in sparql.graphs():
            sparql.remove(graph)
