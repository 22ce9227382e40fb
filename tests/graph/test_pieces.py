"""``kg.graph.pieces.PieceNames``: a marked piece is titled and linked as the graph has its node."""

from __future__ import annotations

from extractors import extract
from kg.graph.labels import provision_label
from kg.graph.pieces import PieceNames
from kg.iri import instrument_iri, provision_iri


def test_a_provision_piece_gets_the_graph_title_and_iri() -> None:
    (citation,) = extract("《社会保险法》第八条第一款")
    names = PieceNames()
    key = names.resolver.resolve(citation.instrument).key  # type: ignore[union-attr]
    path = citation.provisions[0].path()
    assert (
        names.title(citation, 0)
        == "中华人民共和国社会保险法" + provision_label(path)
        == "中华人民共和国社会保险法第八条第一款"
    )
    assert names.iri(citation, 0) == str(provision_iri(instrument_iri(key), path))


def test_the_instrument_piece_names_the_instrument_node() -> None:
    (citation,) = extract("《社会保险法》第八条")
    names = PieceNames()
    assert names.title(citation, None) == "中华人民共和国社会保险法"
    assert names.iri(citation, None) == names.iri(citation, 0).rsplit("/", 1)[0]  # type: ignore[union-attr]
