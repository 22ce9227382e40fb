"""Records + citations → quads, with the ontology's terms and deterministic IRIs.

One list becomes one named graph. Every fact about an instrument is asserted in
the graph of each list that cites it (the list's resolver decides it), so dropping
one list never removes what another list still says. The facts a provision's IRI
alone decides (type, label, level, number, instrument, structural parent) are
quads of the one shared provision graph instead (:mod:`kg.graph.provisions`), the
same whichever list yields them; only the article → 章/节 link a cell makes
(第五章第二十七条) is the list's own.

Each fact has one owner inside the graph (issue 13, a lean graph): the file name is
the list's (``kg:sourceFile``), the line the item's (``kg:sourceLine``), the column
header the list's column node (``kg:hasColumn``). A reference in a cell
(《X法》第八条、第九条, a ``kg:Reference``) holds once what it says as a whole — the item
and column it stands in, its role, span and raw text, the instrument as written and as
resolved — and each provision it names is one small citation (``kg:reference``,
``kg:citedResource``, and its own quote and wording where the text gives them); both
reach the rest through the item. Inverse links (``kg:hasCitation``) and labels that
repeat a name or a title are not written: readers join on ``kg:citingItem`` and read
``kg:name`` / ``dcterms:title``.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath

import regex
from rdflib import RDF, RDFS, SKOS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Identifier

from extractors.models import LEVEL_BY_FIELD, LEVELS, Citation, Provision
from kg import iri
from kg.graph.labels import provision_label
from kg.graph.provisions import PROVISION_GRAPH, node_triples
from kg.model import CellCitations, ExtractedItem, PowerItem, PowerList
from kg.namespace import ELI, KG
from kg.resolve import ResolvedInstrument, Resolver, learn_numbers
from kg.store.base import Quad

__all__ = ["ListGraph", "list_key", "list_quads"]

_DATE = regex.compile(r"^\d{4}-\d{2}-\d{2}$")
_COLUMN_TEXT = {"basis": KG.basisText, "duties": KG.dutiesText, "accountability": KG.accountabilityText}
_DIVISIONS = tuple(level for level in LEVELS if level.division)
"""编, 章, 节: an article's IRI leaves them out, and the article is linked to them instead."""
_HEADS = frozenset(level.name for level in LEVELS[: LEVELS.index(_DIVISIONS[0])])
"""附件 and 部分, the levels above the divisions: a division's IRI starts with them."""
_ARTICLE = LEVEL_BY_FIELD["article"].name
_TRUE = Literal(True)


def list_key(power_list: PowerList) -> str:
    """The key of a list's IRIs: its title and file name (the rule is :func:`kg.iri.list_key`'s)."""
    return iri.list_key(power_list.title, power_list.source_file)


@functools.lru_cache(maxsize=1 << 16)
def _zh(text: str) -> Literal:
    return Literal(text, lang="zh")


@functools.lru_cache(maxsize=1 << 16)
def _str(text: str) -> Literal:
    # A plain literal is xsd:string in RDF 1.1; written without the datatype so that
    # rdflib (which tells the two apart) matches "cites" in a query as Oxigraph does.
    return Literal(text)


@functools.lru_cache(maxsize=1 << 12)
def _int(number: int) -> Literal:
    return Literal(number, datatype=XSD.integer)


@dataclass
class ListGraph:
    """Builds the quads of one list; holds the per-list lookups learned in a first pass.

    Args:
        power_list: the list.
        items: its items with their citations (read twice: learn, then emit).
        resolver: instrument identity; its ``learned`` table is extended with the
            numbers this list itself gives titles (see :func:`learn_numbers`).
    """

    power_list: PowerList
    items: list[ExtractedItem]
    resolver: Resolver

    def __post_init__(self) -> None:
        self.key = list_key(self.power_list)
        self.graph = iri.graph_iri(self.key)
        self.list_node = iri.list_iri(self.key)
        self.file = PurePath(self.power_list.source_file).name
        learned = learn_numbers(
            (c.instrument for extracted in self.items for c in extracted.citations()),
            self.resolver.rules,
        )
        self.resolver = Resolver(
            self.resolver.table, self.resolver.rules, {**learned, **self.resolver.learned}
        )
        self.credit_codes = _agency_credit_codes(extracted.item for extracted in self.items)
        records = [extracted.item for extracted in self.items]
        keys = (
            [record.key for record in records]
            if all(record.key for record in records)
            else iri.item_keys([record.seq for record in records])
        )
        self.keys = {id(record): key for record, key in zip(records, keys, strict=True)}

    def quads(self) -> Iterator[Quad]:
        """Every quad of the list's named graph (duplicates possible; stores keep a set).

        Facts about an instrument, a provision, an agency or a power type are
        emitted once per list, not once per citing item: the same set of quads,
        a fraction of the work (they repeat thousands of times in a big list).
        """
        self._seen: set[object] = set()
        self._resolved: dict[object, ResolvedInstrument | None] = {}
        self._resting_on_basis: set[URIRef] = set()
        self._shared: dict[URIRef, tuple[URIRef, tuple[tuple[str, int], ...]]] = {}
        yield from self._q(self._list_triples())
        for extracted in self.items:
            yield from self._q(self._item_triples(extracted.item))
            for cell in extracted.cells:
                yield from self._q(self._cell_triples(extracted.item, cell))
        yield from self._without_basis()
        yield from self._shared_quads()

    def _without_basis(self) -> Iterator[Quad]:
        """The one fact items_without_basis needs (a lookup, not a scan of every citation).

        Decided once the whole list is read: two rows with one power code are one node,
        which rests on a basis if either row gives one, whichever comes first.
        """
        nodes = dict.fromkeys(self.item_iri(extracted.item) for extracted in self.items)
        for node in nodes:
            if node not in self._resting_on_basis:
                yield (node, KG.withoutBasis, _TRUE, self.graph)

    def _shared_quads(self) -> Iterator[Quad]:
        """The shared provision graph's quads for the provisions this list needs, each node once."""
        for instrument, path in self._shared.values():
            for s, p, o in node_triples(instrument, path):
                yield (s, p, o, PROVISION_GRAPH)

    def _provision(
        self, instrument: URIRef, provision: Provision
    ) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        """Note the shared nodes a cited provision needs; yield the list's own article → division link."""
        nodes, link = _provision_nodes(instrument, provision)
        for path in nodes:
            self._shared.setdefault(iri.provision_iri(instrument, path), (instrument, path))
        if link is not None:
            yield link

    def _q(self, triples: Iterable[tuple[Identifier, Identifier, Identifier]]) -> Iterator[Quad]:
        graph = self.graph
        for s, p, o in triples:
            yield (s, p, o, graph)

    # ------------------------------------------------------------ list, agency, item

    def agency(self, name: str) -> URIRef:
        """The agency node for ``name``, by the credit code this list gives it if any."""
        return iri.agency_iri(credit_code=self.credit_codes.get(name), name=name)

    def _list_triples(self) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        pl, node = self.power_list, self.list_node
        yield node, RDF.type, KG.PowerList
        yield node, DCTERMS.title, _zh(pl.title or self.key)
        yield node, KG.sourceFile, _str(self.file)
        if pl.content_hash:
            yield node, KG.contentHash, _str(pl.content_hash)
        if pl.jurisdiction:
            yield node, KG.jurisdiction, _str(pl.jurisdiction)
        if pl.level:
            yield node, KG.level, _str(pl.level)
        if pl.agency:
            agency = self.agency(pl.agency)
            yield node, KG.publishedBy, agency
            yield from self._agency_triples(agency, pl.agency)

    def _once(self, key: object) -> bool:
        """True the first time ``key`` is seen during this :meth:`quads` run."""
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def _agency_triples(
        self, agency: URIRef, name: str
    ) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        if not self._once(("agency", agency, name)):
            return
        yield agency, RDF.type, KG.Agency
        yield agency, RDFS.label, _zh(name)
        if code := self.credit_codes.get(name):
            yield agency, KG.creditCode, _str(code)
        if self.power_list.jurisdiction and name == self.power_list.agency:
            yield agency, KG.jurisdiction, _str(self.power_list.jurisdiction)

    def item_key(self, item: PowerItem) -> str:
        """The item's identity within the list: its 序号, made unique (:func:`kg.iri.item_keys`)."""
        return self.keys.get(id(item)) or item.key or item.seq

    def item_iri(self, item: PowerItem) -> URIRef:
        """The power item's node: by valid power code, else by list + its key."""
        code = item.code_info.raw if item.code_info and item.code_info.valid else None
        return iri.power_item_iri(code=code, list_key=self.key, seq=self.item_key(item))

    def _item_triples(self, item: PowerItem) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        node = self.item_iri(item)
        yield node, RDF.type, KG.PowerItem
        yield node, KG.inList, self.list_node
        yield node, KG.seq, _str(item.seq)
        yield node, KG.name, _str(item.name)
        yield node, KG.sourceLine, _int(item.line)
        for prop, value in (
            (KG.subName, item.sub_name),
            (KG.level, item.level),
            (KG.remark, item.remark),
            *((prop, getattr(item, name)) for name, prop in _COLUMN_TEXT.items()),
        ):
            if value.strip():
                yield node, prop, _str(value)
        if item.code:
            yield node, KG.powerCode, _str(item.code)
            yield node, KG.powerCodeValid, Literal(bool(item.code_info and item.code_info.valid))
        if item.type.strip():
            concept = iri.power_type_iri(item.type)
            yield node, KG.powerType, concept
            if self._once(("type", concept, item.type.strip())):
                yield concept, RDF.type, SKOS.Concept
                yield concept, SKOS.inScheme, iri.scheme_iri("power-type")
                yield concept, SKOS.prefLabel, _zh(item.type.strip())
        if item.agency.strip():
            agency = self.agency(item.agency)
            yield node, KG.exercisedBy, agency
            yield from self._agency_triples(agency, item.agency)
            for unit_name in item.org_units:
                if unit_name.strip():
                    unit = iri.org_unit_iri(agency, unit_name)
                    yield node, KG.handledBy, unit
                    yield unit, RDF.type, KG.OrgUnit
                    yield unit, RDFS.label, _zh(unit_name.strip())
                    yield unit, KG.unitOf, agency

    # ------------------------------------------------------------ citations

    def _cell_triples(
        self, item: PowerItem, cell: CellCitations
    ) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
        if not cell.citations:
            return
        node = self.item_iri(item)
        header = item.columns.get(cell.field, cell.field)
        if self._once(("column", cell.field, header)):
            column = iri.column_iri(self.key, cell.field)
            yield self.list_node, KG.hasColumn, column
            yield column, KG.column, _str(cell.field)
            yield column, KG.columnHeader, _str(header)
        for citation in cell.citations:
            if citation.instrument not in self._resolved:
                self._resolved[citation.instrument] = self.resolver.resolve(citation.instrument)
            resolved = self._resolved[citation.instrument]
            if resolved is None:
                continue
            instrument = iri.instrument_iri(resolved.key)
            if self._once(("instrument", instrument, resolved)):
                yield from _instrument_triples(instrument, resolved)
            reference = iri.reference_iri(
                list_key=self.key, seq=self.item_key(item), column=cell.field, span=citation.span
            )
            yield from _reference_triples(reference, node, cell, citation, instrument)
            provisions: tuple[Provision | None, ...] = citation.provisions or (None,)
            for n, provision in enumerate(provisions):
                target = instrument
                if provision is not None and provision.path():
                    path = provision.path()
                    target = iri.provision_iri(instrument, path)
                    if self._once(
                        ("provision", instrument, path, provision.book, provision.chapter, provision.section)
                    ):
                        yield from self._provision(instrument, provision)
                yield from _citation_triples(iri.citation_iri(reference, n), reference, target, provision)
                if citation.role == "cites":
                    yield node, KG.restsOn, target
                    if cell.field == "basis":
                        self._resting_on_basis.add(node)


def _reference_triples(
    reference: URIRef, node: URIRef, cell: CellCitations, citation: Citation, instrument: URIRef
) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
    """What one reference in a cell says as a whole, once however many provisions it names.

    《X法》第八条、第九条 is one reference (its item, column, role, span, raw text, the
    instrument as written and as resolved) and two citations (:func:`_citation_triples`).
    """
    start, end = citation.span
    yield reference, RDF.type, KG.Reference
    yield reference, KG.citingItem, node
    yield reference, KG.column, _str(cell.field)
    yield reference, KG.role, _str(citation.role)
    yield reference, KG.spanStart, _int(start)
    yield reference, KG.spanEnd, _int(end)
    yield reference, KG.rawText, _str(cell.text[start:end])
    yield reference, KG.citedInstrument, instrument
    inst = citation.instrument
    for prop, value in (
        (KG.rawTitle, inst.raw_title),
        (KG.rawDocNumber, inst.raw_doc_number),
        (KG.citedVersion, inst.version),
    ):
        if value:
            yield reference, prop, _str(value)
    for flag in inst.doc_number_flags:
        yield reference, KG.docNumberFlag, _str(flag)


def _citation_triples(
    cit: URIRef, reference: URIRef, target: URIRef, provision: Provision | None
) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
    """One citation: the reference it belongs to, what it cites, and what the text says of that.

    Untyped (``kg:reference``'s domain says it is a ``kg:Citation``): the type would add a
    third to the citations' triples (5.4 per item on the synthetic corpus) and no reader needs it.
    """
    yield cit, KG.reference, reference
    yield cit, KG.citedResource, target
    if provision is not None:
        path = provision.path()
        if path and (cited_as := _cited_as(provision)) != provision_label(path):
            # only where the text names more than the cited node's label (第五章第二十七条
            # for the article 第二十七条); readers fall back to the provision's rdfs:label
            yield cit, KG.citedAs, _zh(cited_as)
        if provision.quote:
            yield cit, KG.quote, _str(provision.quote)


def _cited_as(provision: Provision) -> str:
    """The provision as cited, divisions included (第五章第二十七条), unlike its IRI path."""
    path = provision.path()
    head = [(n, v) for n, v in path if n in _HEADS]
    tail = [(n, v) for n, v in path if n not in _HEADS]
    return provision_label([*head, *(_divisions(provision) if provision.article else ()), *tail])


def _divisions(provision: Provision) -> list[tuple[str, int]]:
    """The 编/章/节 levels a provision names, e.g. ``[("chp", 5)]``."""
    return [
        (level.name, value) for level in _DIVISIONS if (value := getattr(provision, level.field)) is not None
    ]


def _instrument_triples(
    node: URIRef, resolved: ResolvedInstrument
) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
    yield node, RDF.type, ELI.LegalResource
    if resolved.title:
        yield node, ELI.title, _zh(resolved.title)
    for label in resolved.labels:
        yield node, RDFS.label, _zh(label)
    if resolved.doc_number:
        yield node, ELI.id_local, _str(resolved.doc_number)
    if resolved.kind:
        concept = iri.instrument_kind_iri(resolved.kind)
        yield node, ELI.type_document, concept
        yield concept, RDF.type, SKOS.Concept
        yield concept, SKOS.inScheme, iri.scheme_iri("instrument-kind")
        yield concept, SKOS.prefLabel, _zh(resolved.kind)
    if resolved.issuer:
        yield node, KG.issuerName, _str(resolved.issuer)
    if resolved.date and _DATE.match(resolved.date):
        yield node, ELI.date_document, Literal(resolved.date, datatype=XSD.date)


def _provision_nodes(
    instrument: URIRef, provision: Provision
) -> tuple[list[tuple[tuple[str, int], ...]], tuple[URIRef, URIRef, URIRef] | None]:
    """The paths of the shared nodes a cited provision needs, and the list's article → division link.

    The nodes: the chain item → paragraph → article (its IRI leaves the divisions out)
    and, for an article cited with its 编/章/节, the division chain. The link from the
    article to its innermost division is what the cell said, so it stays the list's.
    """
    path = tuple(provision.path())
    nodes = [path[:depth] for depth in range(1, len(path) + 1)]
    articles = [depth for depth in range(1, len(path) + 1) if path[depth - 1][0] == _ARTICLE]
    divisions = _divisions(provision)
    if not articles or not divisions:
        return nodes, None
    head = tuple(level for level in path if level[0] in _HEADS)
    chain = [head + tuple(divisions[:depth]) for depth in range(1, len(divisions) + 1)]
    article = iri.provision_iri(instrument, path[: articles[-1]])
    return nodes + chain, (article, ELI.is_part_of, iri.provision_iri(instrument, chain[-1]))


def _agency_credit_codes(items: Iterable[PowerItem]) -> dict[str, str]:
    """Agency name → credit code, where the list's valid power codes agree on one."""
    seen: dict[str, set[str]] = defaultdict(set)
    for item in items:
        info = item.code_info
        if info and info.valid and info.credit_code and item.agency.strip():
            seen[item.agency].add(info.credit_code)
    return {name: next(iter(codes)) for name, codes in seen.items() if len(codes) == 1}


def list_quads(
    power_list: PowerList, items: list[ExtractedItem], resolver: Resolver | None = None
) -> Iterator[Quad]:
    """All quads of one list's named graph.

    Args:
        power_list: the list.
        items: its items with their citations.
        resolver: instrument identity (the bundled tables when None).
    """
    return ListGraph(power_list, items, resolver or Resolver()).quads()
