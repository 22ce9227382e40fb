"""The law library in the graph: status, dates, versions and article texts of the cited instruments.

Library facts live in their own named graph (:func:`kg.iri.library_graph_iri`), written once
per build after the lists are loaded, never repeated in each list's graph. Only instruments
the lists cite are described, and only the articles and paragraphs they cite get their text
(the version in force): a few hundred triples for the samples, not the whole library.

The terms are ELI's where ELI has them: ``eli:in_force`` (a concept of the law-status
scheme), ``eli:first_date_entry_in_force``, ``eli:date_no_longer_in_force``,
``eli:date_document``, ``eli:is_realized_by`` → version resources (``eli:LegalExpression``
with ``eli:version_date``), ``eli:amended_by`` (the amending decisions the history lines
name) and ``eli:repealed_by``; ``kg:currentVersion``, ``kg:inVersion``, ``kg:lawText`` and
``kg:statusSource`` where it has none. Amending and repealing acts that no list cites are
named (``eli:title``, ``eli:date_document``) but not typed ``eli:LegalResource``, so they do
not count as cited instruments.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

import regex
from rdflib import RDF, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Identifier

from extractors.models import Instrument
from kg import iri
from kg.laws.library import LawLibrary, default_library
from kg.laws.model import LawInstrument, LawVersion
from kg.namespace import ELI, KG
from kg.resolve import Resolver
from kg.store.base import Quad, Store

__all__ = ["LibraryGraphSummary", "library_quads", "load_library_graph"]

_DATE = regex.compile(r"^\d{4}-\d{2}-\d{2}$")
_HISTORY_DATE = regex.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_AMENDING_ACT = regex.compile(r"《(?P<title>[^《》]*?(?:〈[^〉]*〉[^《》]*?)*决定)》")
_STATUS_LABELS = {"in_force": "现行有效", "repealed": "已废止", "unknown": "效力未定"}

_INSTRUMENTS = """
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT DISTINCT ?instrument ?title ?number WHERE {
  GRAPH ?g { ?instrument a eli:LegalResource }
  FILTER (?g != ?library)
  OPTIONAL { GRAPH ?g { ?instrument eli:title ?title } }
  OPTIONAL { GRAPH ?g { ?instrument eli:id_local ?number } }
}
"""

_PROVISIONS = """
PREFIX kg: <https://w3id.org/qzqd-kg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT DISTINCT ?provision ?instrument ?level ?number ?parent WHERE {
  GRAPH ?g {
    ?provision kg:instrument ?instrument ; kg:levelName ?level ; kg:number ?number ; eli:is_part_of ?parent .
    VALUES ?level { "art" "artsfx" "para" }
  }
  FILTER (?g != ?library)
}
"""


@dataclass(frozen=True, slots=True)
class LibraryGraphSummary:
    """What :func:`load_library_graph` wrote: instruments and provisions linked, quads, time."""

    instruments: int
    linked: int
    provisions: int
    texts: int
    quads: int
    seconds: float


def _date(text: str | None) -> Literal | None:
    return Literal(text, datatype=XSD.date) if text and _DATE.match(text) else None


def _iso(match: regex.Match[str]) -> str:
    return f"{int(match[1]):04d}-{int(match[2]):02d}-{int(match[3]):02d}"


def _find(library: LawLibrary, titles: list[str], numbers: list[str]) -> LawInstrument | None:
    for title in titles:
        found = library.get(title)
        if found is not None:
            return found
    for number in numbers:
        found = library.by_number(number)
        if found is not None:
            return found
    return None


class _Writer:
    """The quads of the library graph, one instrument at a time."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.graph = iri.library_graph_iri()
        self.seen: set[URIRef] = set()

    def act(self, title: str) -> URIRef:
        """The node of an act the library names (repealing act, amending decision), as the build keys it."""
        resolved = self.resolver.resolve(Instrument(title=title))
        return iri.instrument_iri(resolved.key if resolved else title)

    def instrument(
        self, node: URIRef, law: LawInstrument
    ) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        status = iri.law_status_iri(law.status)
        yield node, ELI.in_force, status
        yield node, KG.statusSource, Literal(law.status_source)
        if status not in self.seen:
            self.seen.add(status)
            yield status, RDF.type, SKOS.Concept
            yield status, SKOS.inScheme, iri.scheme_iri("law-status")
            yield status, SKOS.prefLabel, Literal(_STATUS_LABELS[law.status], lang="zh")
        for key, prop in (
            ("passed", ELI.date_document),
            ("published", ELI.date_document),
            ("in_force", ELI.first_date_entry_in_force),
        ):
            if (value := _date(law.dates.get(key))) is not None:
                yield node, prop, value
        if law.repealed_by:
            act = self.act(law.repealed_by)
            yield node, ELI.repealed_by, act
            yield act, ELI.title, Literal(law.repealed_by, lang="zh")
            when = law.status_source.rsplit(" from ", 1)[-1].split(" ", 1)[0]
            if (value := _date(when)) is not None:
                yield node, ELI.date_no_longer_in_force, value
        for version in law.versions:
            yield from self.version(node, law, version)
        if law.versions:
            yield node, KG.currentVersion, iri.law_version_iri(node, law.current.date)

    def version(
        self, node: URIRef, law: LawInstrument, version: LawVersion
    ) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        expression = iri.law_version_iri(node, version.date)
        yield node, ELI.is_realized_by, expression
        yield expression, RDF.type, ELI.LegalExpression
        yield expression, ELI.realizes, node
        yield expression, ELI.title, Literal(law.title, lang="zh")
        yield expression, DCTERMS.source, Literal(version.source)
        if (value := _date(version.date)) is not None:
            yield expression, ELI.version_date, value
        for line in version.history:
            if not any(word in line for word in ("修正", "修订", "修改")):
                continue
            for match in _AMENDING_ACT.finditer(line):
                act = self.act(match["title"])
                yield node, ELI.amended_by, act
                yield act, ELI.title, Literal(match["title"], lang="zh")
                if (dated := _HISTORY_DATE.search(line)) is not None:
                    yield act, ELI.date_document, Literal(_iso(dated), datatype=XSD.date)

    def text(
        self, provision: URIRef, version: URIRef, path: list[tuple[str, int]], text: str
    ) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        node = iri.law_text_iri(version, path)
        yield provision, ELI.is_realized_by, node
        yield node, RDF.type, ELI.LegalExpression
        yield node, ELI.realizes, provision
        yield node, KG.inVersion, version
        yield node, KG.lawText, Literal(text)


def _provision_paths(
    store: Store, library_graph: URIRef
) -> dict[URIRef, list[tuple[URIRef, list[tuple[str, int]]]]]:
    """Cited articles, 之N articles and paragraphs per instrument, each with its path below the instrument."""
    rows = store.query(_PROVISIONS, {"library": library_graph})
    nodes = {row["provision"]: row for row in rows}
    out: dict[URIRef, list[tuple[URIRef, list[tuple[str, int]]]]] = defaultdict(list)
    for provision, row in nodes.items():
        path: list[tuple[str, int]] = []
        current = row
        while current is not None:
            path.insert(0, (str(current["level"]), int(current["number"])))  # type: ignore[arg-type]
            current = nodes.get(current["parent"])
        if path[0][0] == "art":
            out[row["instrument"]].append((provision, path))  # type: ignore[index]
    return out


def _text_at(version: LawVersion, path: list[tuple[str, int]]) -> str | None:
    levels = dict(path)
    article = version.article(levels["art"], levels.get("artsfx", 0))
    if article is None:
        return None
    if "para" not in levels:
        return article.text
    index = levels["para"] - 1
    return article.paragraphs[index] if 0 <= index < len(article.paragraphs) else None


def library_quads(
    store: Store, library: LawLibrary, resolver: Resolver | None = None
) -> tuple[list[Quad], dict[str, int]]:
    """The library graph's quads for the instruments the store's lists cite, and counts."""
    graph = iri.library_graph_iri()
    writer = _Writer(resolver or Resolver())
    found: dict[URIRef, tuple[list[str], list[str]]] = defaultdict(lambda: ([], []))
    for row in store.query(_INSTRUMENTS, {"library": graph}):
        titles, numbers = found[row["instrument"]]  # type: ignore[index]
        if row.get("title") is not None:
            titles.append(str(row["title"]))
        if row.get("number") is not None:
            numbers.append(str(row["number"]))
    provisions = _provision_paths(store, graph)
    quads: list[Quad] = []
    linked = texts = cited = 0
    for node in sorted(found):
        titles, numbers = found[node]
        law = _find(library, sorted(set(titles)), sorted(set(numbers)))
        if law is None:
            continue
        linked += 1
        quads += [(s, p, o, graph) for s, p, o in writer.instrument(node, law)]
        if not law.versions:
            continue
        current = iri.law_version_iri(node, law.current.date)
        for provision, path in sorted(provisions.get(node, ())):
            cited += 1
            text = _text_at(law.current, path)
            if text is not None:
                texts += 1
                quads += [(s, p, o, graph) for s, p, o in writer.text(provision, current, path, text)]
    return quads, {"instruments": len(found), "linked": linked, "provisions": cited, "texts": texts}


def load_library_graph(store: Store, library: LawLibrary | None = None) -> LibraryGraphSummary:
    """Replace the library graph with the facts of the instruments the lists now cite.

    Run once after the lists are loaded (``kg build`` does); the graph is replaced whole,
    so after the next build it holds no facts of an instrument no list cites any more
    (``kg remove`` alone leaves them until then).
    """
    started = time.perf_counter()
    quads, counts = library_quads(store, library if library is not None else default_library())
    written = store.replace_graph(iri.library_graph_iri(), quads)
    return LibraryGraphSummary(
        instruments=counts["instruments"],
        linked=counts["linked"],
        provisions=counts["provisions"],
        texts=counts["texts"],
        quads=written,
        seconds=time.perf_counter() - started,
    )
