"""What the pages show, read from the store through the canned ``site_*`` queries.

The site never writes SPARQL of its own: :func:`load_site_data` runs the
``kg/queries/site_*.rq`` files (a handful of bulk SELECTs, so a build costs a
few queries, not a few per page) and turns their rows into plain records with
the indexes the pages need (item → provisions, provision → parts, …).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from rdflib.term import Identifier, Literal

from kg.iri import local_name, provision_path

if TYPE_CHECKING:
    from kg.store.base import Row, Store

__all__ = [
    "Agency",
    "CitationRecord",
    "Instrument",
    "Item",
    "Provision",
    "QueryRunner",
    "SiteData",
    "load_site_data",
    "provision_order",
]

QueryRunner = Callable[..., list[dict[str, Any]]]
"""``run_query(store, name, **bindings)`` from :mod:`kg.queries` (injectable for tests)."""

SITE_QUERIES: tuple[str, ...] = (
    "site_instruments",
    "site_provisions",
    "site_agencies",
    "site_items",
    "site_citations",
    "site_rests_on",
)
"""The canned queries a build runs, each once."""


@dataclass(frozen=True, slots=True)
class Instrument:
    """A cited law, regulation or document."""

    iri: str
    title: str
    short_title: str = ""
    doc_number: str = ""
    kind: str = ""
    labels: tuple[str, ...] = ()
    """Every name the graph knows it by (full title, short titles, aliases)."""


@dataclass(frozen=True, slots=True)
class Provision:
    """A subdivision of an instrument (article, paragraph, item, part …)."""

    iri: str
    instrument: str
    label: str
    parent: str | None = None
    local_id: str = ""
    text: str = ""


@dataclass(frozen=True, slots=True)
class Agency:
    """An agency that exercises powers."""

    iri: str
    name: str


@dataclass(frozen=True, slots=True)
class Item:
    """One power item (one row of a list) with its full record."""

    iri: str
    seq: str
    name: str
    list_title: str = ""
    sub_name: str = ""
    type: str = ""
    code: str = ""
    agency: str | None = None
    level: str = ""
    basis: str = ""
    duties: str = ""
    accountability: str = ""
    remark: str = ""
    source_file: str = ""
    line: str = ""


@dataclass(frozen=True, slots=True)
class CitationRecord:
    """One citation in one cell: where it stands and what it points to."""

    iri: str
    item: str
    targets: tuple[str, ...]
    role: str = "cites"
    column: str = ""
    start: int | None = None
    end: int | None = None
    text: str = ""
    quote: str = ""
    quote_matches: bool | None = None
    """False when a check against the law's text found the quote is not the cited
    article's text (pages mark it); None when nobody checked."""


@dataclass(slots=True)
class SiteData:
    """Every record a build needs, with the indexes pages navigate by."""

    instruments: dict[str, Instrument] = field(default_factory=dict)
    provisions: dict[str, Provision] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    items: dict[str, Item] = field(default_factory=dict)
    citations: list[CitationRecord] = field(default_factory=list)
    rests_on: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """item → provisions and instruments it rests on (the ``restsOn`` shortcut)."""
    children: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """provision or instrument → its direct parts."""
    resting: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    """provision or instrument → items resting directly on it."""
    quotes: dict[str, str] = field(default_factory=dict)
    """provision or instrument → the text lists quote from it most often."""
    citation_pos: dict[str, int] = field(default_factory=dict)
    """citation IRI → its index in :attr:`citations` (one row per target arrives per citation)."""
    by_item: dict[str, list[CitationRecord]] = field(default_factory=lambda: defaultdict(list))
    """item → its citations in column and text order."""
    by_agency: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    """agency → its items in list order."""
    deep: dict[str, frozenset[str]] = field(default_factory=dict)
    """Memo of :meth:`items_on` (the data no longer changes once :meth:`finish` ran)."""
    cited_in: dict[str, list[CitationRecord]] | None = None
    """Memo of :meth:`citations_of_instrument`."""
    quoted: dict[str, list[tuple[str, int]]] | None = None
    """Memo of :meth:`quoted_texts`: a provision page asks for it, and recounting every
    citation per page made a build quadratic (≈80 s of a 2000-item, 6000-provision site)."""

    def finish(self) -> SiteData:
        """Build the reverse indexes once the records are in."""
        for prov in self.provisions.values():
            self.children[prov.parent or prov.instrument].append(prov.iri)
        for kids in self.children.values():
            kids.sort(key=lambda iri: provision_order(self.provisions.get(iri)))
        for item, targets in self.rests_on.items():
            for target in targets:
                self.resting[target].add(item)
        self.quoted = None
        for target, texts in self.quoted_texts().items():
            self.quotes[target] = texts[0][0]
        # Engines return citation rows in different orders: sort, so every reader sees one order.
        self.citations.sort(key=_citation_order)
        self.citation_pos = {cit.iri: pos for pos, cit in enumerate(self.citations)}
        for cit in self.citations:
            self.by_item[cit.item].append(cit)
        for iri in sorted(self.items, key=self.item_order):
            if self.items[iri].agency:
                self.by_agency[self.items[iri].agency].append(iri)
        return self

    def quoted_texts(self) -> dict[str, list[tuple[str, int]]]:
        """target → (quoted text, how many citations quote it), most quoted first.

        Counted once and kept: the citations no longer change once :meth:`finish` ran.
        """
        if self.quoted is not None:
            return self.quoted
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for cit in self.citations:
            if cit.quote and cit.role == "cites":
                for target in cit.targets:
                    counts[target][cit.quote] += 1
        self.quoted = {
            target: sorted(texts.items(), key=lambda tc: (-tc[1], tc[0])) for target, texts in counts.items()
        }
        return self.quoted

    def citations_of_instrument(self, iri: str) -> list[CitationRecord]:
        """Every citation (basis or mention) of an instrument or of any of its parts."""
        if self.cited_in is None:
            self.cited_in = defaultdict(list)
            for cit in self.citations:
                for inst in dict.fromkeys(self.instrument_of(t) for t in cit.targets):
                    if inst is not None:
                        self.cited_in[inst].append(cit)
        return self.cited_in.get(iri, [])

    def quote_of(self, iri: str) -> str:
        """The text of a provision: the law's (when the graph or the library has it), else the
        text lists quote most, marked as a quote so no page passes it off as the law's."""
        prov = self.provisions.get(iri)
        if prov is not None and prov.text:
            return prov.text
        quoted = self.quotes.get(iri, "")
        return f"〔清单引文 quoted〕{quoted}" if quoted else ""

    def descendants(self, iri: str) -> list[str]:
        """``iri`` and all its parts, depth first."""
        out, stack = [], [iri]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(self.children.get(node, [])))
        return out

    def items_on(self, iri: str) -> frozenset[str]:
        """Items resting on ``iri`` or on any of its parts."""
        known = self.deep.get(iri)
        if known is None:
            found = set(self.resting.get(iri, ()))
            for part in self.children.get(iri, ()):
                found |= self.items_on(part)
            known = self.deep[iri] = frozenset(found)
        return known

    def instrument_of(self, iri: str) -> str | None:
        """The instrument a provision belongs to, or ``iri`` itself for an instrument."""
        if iri in self.instruments:
            return iri
        prov = self.provisions.get(iri)
        return prov.instrument if prov else None

    def items_of_agency(self, agency: str) -> list[str]:
        """Items exercised by ``agency``, in list order."""
        return self.by_agency.get(agency, [])

    def item_order(self, iri: str) -> tuple[str, int, str]:
        """Sort key: list title, then 序号 as a number where it is one."""
        item = self.items[iri]
        seq = item.seq.strip()
        return (item.list_title, int(seq) if seq.isdigit() else 1 << 30, seq)

    def citations_of(self, item: str) -> list[CitationRecord]:
        """The citations found in ``item``'s cells, in column and text order."""
        return self.by_item.get(item, [])

    def cited_provisions(self, instrument: str) -> list[str]:
        """Parts of ``instrument`` that some item rests on (directly or through a part)."""
        return [p for p in self.descendants(instrument)[1:] if self.items_on(p)]

    def provision_title(self, iri: str) -> str:
        """``中华人民共和国社会保险法 第五十八条`` — instrument title and provision label."""
        prov = self.provisions.get(iri)
        if prov is None:
            inst = self.instruments.get(iri)
            return inst.title if inst else iri
        inst = self.instruments.get(prov.instrument)
        return f"{inst.title if inst else ''} {prov.label}".strip()

    def short_title(self, iri: str) -> str:
        """The short title of an instrument when it has one, else its title."""
        inst = self.instruments.get(iri)
        if inst is None:
            return iri
        return inst.short_title or inst.title


def _citation_order(cit: CitationRecord) -> tuple[str, str, int, str]:
    return (cit.item, cit.column, cit.start if cit.start is not None else -1, cit.iri)


def provision_order(prov: Provision | None) -> tuple[int, ...]:
    """Sort key of a provision: the numbers of its path (``art_9`` before ``art_10``)."""
    path = provision_path(prov.iri) if prov is not None else None
    return (*(number for _, number in path), -1) if path else (1 << 30,)


def _text(row: Mapping[str, Identifier | None], key: str) -> str:
    value = row.get(key)
    return "" if value is None else str(value)


def _int(row: Mapping[str, Identifier | None], key: str) -> int | None:
    value = row.get(key)
    if value is None:
        return None
    raw = value.toPython() if isinstance(value, Literal) else str(value)
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


def _fill(data: SiteData, name: str, rows: Iterable[Row]) -> None:
    """Turn the rows of one site query into records."""
    builders: dict[str, Callable[[SiteData, Mapping[str, Identifier | None]], None]] = {
        "site_instruments": _add_instrument,
        "site_provisions": _add_provision,
        "site_agencies": _add_agency,
        "site_items": _add_item,
        "site_citations": _add_citation,
        "site_rests_on": _add_rests_on,
    }
    build = builders[name]
    for row in rows:
        build(data, row)


def _add_instrument(data: SiteData, row: Mapping[str, Identifier | None]) -> None:
    iri = _text(row, "instrument")
    if iri in data.instruments:
        return
    labels = tuple(sorted({v.strip() for v in _text(row, "labels").split(" | ") if v.strip()}))
    title = _text(row, "title") or (max(labels, key=len) if labels else "")
    shorter = sorted((v for v in labels if len(v) < len(title)), key=lambda v: (len(v), v))
    data.instruments[iri] = Instrument(
        iri=iri,
        title=title or _text(row, "doc_number") or iri,
        short_title=_text(row, "short_title") or (shorter[0] if shorter else ""),
        doc_number=_text(row, "doc_number"),
        kind=_text(row, "kind"),
        labels=labels,
    )


def _add_provision(data: SiteData, row: Mapping[str, Identifier | None]) -> None:
    iri = _text(row, "provision")
    if iri in data.provisions:
        return
    parent = _text(row, "parent") or None
    instrument = _text(row, "instrument")
    data.provisions[iri] = Provision(
        iri=iri,
        instrument=instrument,
        label=_text(row, "label") or _text(row, "local_id") or iri,
        parent=None if parent == instrument else parent,
        local_id=_text(row, "local_id") or local_name(iri),
        text=_text(row, "text"),
    )


def _add_agency(data: SiteData, row: Mapping[str, Identifier | None]) -> None:
    iri = _text(row, "agency")
    data.agencies.setdefault(iri, Agency(iri=iri, name=_text(row, "name") or iri))


def _add_item(data: SiteData, row: Mapping[str, Identifier | None]) -> None:
    iri = _text(row, "item")
    if iri in data.items:
        return
    fields = ("seq", "name", "list_title", "sub_name", "type", "code", "level", "basis")
    more = ("duties", "accountability", "remark", "source_file", "line")
    values = {key: _text(row, key) for key in (*fields, *more)}
    data.items[iri] = Item(iri=iri, agency=_text(row, "agency") or None, **values)


def _add_citation(data: SiteData, row: Mapping[str, Identifier | None]) -> None:
    iri = _text(row, "citation")
    target = _text(row, "target")
    pos = data.citation_pos.get(iri)
    if pos is not None:
        known = data.citations[pos]
        if target and target not in known.targets:
            data.citations[pos] = _with_target(known, target)
        return
    data.citation_pos[iri] = len(data.citations)
    data.citations.append(
        CitationRecord(
            iri=iri,
            item=_text(row, "item"),
            targets=(target,) if target else (),
            role=_text(row, "role") or "cites",
            column=_text(row, "column"),
            start=_int(row, "start"),
            end=_int(row, "end"),
            text=_text(row, "text"),
            quote=_text(row, "quote"),
        )
    )


def _with_target(rec: CitationRecord, target: str) -> CitationRecord:
    return replace(rec, targets=tuple(sorted((*rec.targets, target))))


def _add_rests_on(data: SiteData, row: Mapping[str, Identifier | None]) -> None:
    data.rests_on[_text(row, "item")].add(_text(row, "target"))


def load_site_data(store: Store, run_query: QueryRunner | None = None) -> SiteData:
    """Run the site queries against ``store`` and index their rows.

    Args:
        store: any :class:`~kg.store.base.Store`.
        run_query: the query runner; defaults to :func:`kg.queries.run_query`.

    Returns:
        The records and indexes every page builder reads.
    """
    if run_query is None:
        from kg.queries import run_query as default_runner

        run_query = default_runner
    data = SiteData()
    for name in SITE_QUERIES:
        _fill(data, name, run_query(store, name))
    return data.finish()
