"""The name and IRI of the graph node each marked piece of a citation stands for.

``kg extract --annotate --html`` links every piece it marks to the node the graph has
for it, titled as the graph titles it: the resolution (:mod:`kg.resolve`), the labels
(:func:`kg.graph.labels.provision_label`) and the IRIs (:mod:`kg.iri`) are the graph's
own, so the page and the graph agree: 中华人民共和国社会保险法第八条第一款, not ``art_8/para_1``.
"""

from __future__ import annotations

from extractors.models import Citation
from kg.graph.labels import provision_label
from kg.iri import instrument_iri, provision_iri
from kg.resolve import Resolver

__all__ = ["PieceNames"]


class PieceNames:
    """What ``--annotate --html`` calls each marked piece: its node's readable title and IRI.

    ``index`` picks the provision of the citation a piece marks; None is the instrument.
    """

    def __init__(self, resolver: Resolver | None = None) -> None:
        self.resolver = resolver or Resolver()

    def _node(self, citation: Citation, index: int | None) -> tuple[str, str] | None:
        resolved = self.resolver.resolve(citation.instrument)
        if resolved is None:
            return None
        title = resolved.title or resolved.doc_number or ""
        if resolved.doc_number and resolved.title:
            title += f"（{resolved.doc_number}）"
        node = instrument_iri(resolved.key)
        path = citation.provisions[index].path() if index is not None else ()
        if not path:
            return title, str(node)
        return (resolved.title or title) + provision_label(path), str(provision_iri(node, path))

    def title(self, citation: Citation, index: int | None) -> str | None:
        """The readable title of one marked piece."""
        found = self._node(citation, index)
        return found[0] if found else None

    def iri(self, citation: Citation, index: int | None) -> str | None:
        """The graph IRI of the node one marked piece names."""
        found = self._node(citation, index)
        return found[1] if found else None
