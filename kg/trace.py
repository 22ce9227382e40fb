"""``kg trace``: which powers, in which agencies, rest on this article?

The user's words go through the extractor itself, so whatever a list may write
(《中华人民共和国社会保险法》第58条, 社会保险法第五十八条, 国务院令第649号) is
understood the same way here, then resolved to the node's IRI with the same
rules the build used. If the graph does not know the node, the answer is a
list of the closest nodes it does know.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import regex
from rdflib import URIRef
from rdflib.term import Identifier

from extractors.models import Citation, Provision
from extractors.protocols import Extractor, default_extractor
from kg.audit.grounding import LawFacts, QuoteReport, law_facts, report
from kg.graph.labels import provision_label
from kg.iri import instrument_iri, provision_iri, provision_path
from kg.laws.cite import LibraryLike, find_instrument, has_text, installed_library
from kg.laws.provisions import is_complete, lookup_cited
from kg.queries import run_query
from kg.resolve import ResolvedInstrument, Resolver, clean_title
from kg.store.base import Row, Store

if TYPE_CHECKING:
    from kg.laws.model import LawInstrument

__all__ = [
    "PAGE",
    "ParsedReference",
    "TraceCounts",
    "TraceError",
    "TraceResult",
    "TracedCitation",
    "TracedPower",
    "instruments_known_by",
    "parse_reference",
    "resolve_reference",
    "trace",
]

PAGE = 20
"""Powers a terminal answer of ``kg trace`` shows (``--all`` shows every one): a page a person
reads, and what keeps a trace of a node 10,000 powers rest on as quick as one of a few."""

MAX_CANDIDATES = 5
"""Closest known nodes offered when a reference is unknown; more would bury the right one."""

_TITLE_THEN_PROVISION = regex.compile(r"^\s*《?(?P<title>[^《》第]+?)》?\s*(?P<rest>第.*)?$")


class TraceError(ValueError):
    """A reference that cannot be traced; ``exit_code`` 1 = not in the graph, 2 = bad input.

    ``candidates`` are (IRI, label) of the closest nodes the graph knows.
    """

    def __init__(self, message: str, exit_code: int, candidates: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__(message)
        self.exit_code = exit_code
        self.candidates = list(candidates)


@dataclass(frozen=True, slots=True)
class TracedCitation:
    """One citation by which a power rests on the traced node (or one of its parts).

    ``law`` is the cited provision measured against the law library's text (None when
    the library lacks the instrument): the terminal view and ``--json`` show the
    article's text, where the quote really comes from, and the findings, and a quote
    that is not the article's text gets a visible mark.
    """

    iri: str
    cited: str
    cited_as: str | None
    quote: str | None
    column: str
    raw_text: str | None
    line: int
    law: QuoteReport | None = None

    @property
    def article_text(self) -> str | None:
        """The cited provision's text in the version compared, when the library has it."""
        return self.law.article_text if self.law is not None else None

    @property
    def quote_matches(self) -> bool | None:
        """False when the quote is not the cited provision's text; None when nothing can tell."""
        if self.law is None or self.law.verdict in (None, "unverifiable"):
            return None
        return self.law.verdict != "mismatch"

    @property
    def mark(self) -> str:
        """✓, ≈, ✗ or ? for the quote's verdict ("" when the library lacks the law)."""
        return self.law.mark if self.law is not None else ""

    @property
    def findings(self) -> tuple[str, ...]:
        """What the law's text says is wrong with this citation: each finding's kind and suggestion.

        The quote and the article's text stand in full beside it, so the finding's own
        message (which quotes both, shortened) is left to ``--json`` and ``kg audit``.
        """
        return tuple(f"{j.kind}: {j.suggestion}" for j in self.law.findings) if self.law is not None else ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON entry of one citation in ``kg trace --json``."""
        return {
            "iri": self.iri,
            "cited": self.cited,
            "cited_as": self.cited_as,
            "quote": self.quote,
            "column": self.column,
            "raw_text": self.raw_text,
            "line": self.line,
            **(self.law.to_dict() if self.law is not None else _UNGROUNDED),
        }


_UNGROUNDED: dict[str, Any] = {"article_text": None, "quote_matches": [], "findings": []}
"""The law-text keys of a citation whose instrument the library lacks."""


@dataclass(frozen=True, slots=True)
class TracedPower:
    """One power resting on the traced node, with every citation by which it does.

    A power counts once however many of the node's parts it cites (国务院令第649号
    cited under 第二十七条 and 第三十条 is one power, two citations).
    """

    seq: str
    name: str
    agency: str | None
    list: str
    file: str
    line: int
    item: str
    citations: tuple[TracedCitation, ...] = ()

    @property
    def source(self) -> str:
        """Where a person finds the row: list title, 序号 and line (the file is in ``file``)."""
        return f"{self.list} 序号{self.seq} 第{self.line}行"

    def to_dict(self) -> dict[str, Any]:
        """The JSON entry of ``kg trace --json``."""
        return {
            "seq": self.seq,
            "name": self.name,
            "agency": self.agency,
            "list": self.list,
            "item": self.item,
            "source": {"list": self.list, "seq": self.seq, "line": self.line, "file": self.file},
            "citations": [c.to_dict() for c in self.citations],
        }


@dataclass(frozen=True, slots=True)
class TraceCounts:
    """What a trace found, counted as the build summary, the site and SPARQL count it.

    ``powers`` distinct power items, ``provisions`` distinct cited nodes (the traced
    node or its parts), ``citations`` citation nodes (one per provision a reference
    names), ``agencies`` distinct agencies.
    """

    powers: int
    provisions: int
    citations: int
    agencies: int

    def to_dict(self) -> dict[str, int]:
        """The ``counts`` object of ``kg trace --json``."""
        return {
            "powers": self.powers,
            "provisions": self.provisions,
            "citations": self.citations,
            "agencies": self.agencies,
        }


@dataclass
class TraceResult:
    """The resolved node and the powers resting on it or on any of its parts."""

    iri: str
    label: str
    powers: list[TracedPower] = field(default_factory=list)
    law: LawFacts | None = None
    """The instrument as the law library knows it (None: the library lacks it)."""
    article_text: str | None = None
    """The traced provision's text in the version in force, when the library has it."""

    totals: TraceCounts | None = None
    """Everything the trace found, counted, when ``powers`` is one page of it (None: all shown)."""

    @property
    def counts(self) -> TraceCounts:
        """Distinct powers, provisions, citations and agencies resting on the node.

        Of the whole answer even when ``powers`` is one page of it (``totals``).
        """
        if self.totals is not None:
            return self.totals
        citations = [c for p in self.powers for c in p.citations]
        return TraceCounts(
            powers=len(self.powers),
            provisions=len({c.cited for c in citations}),
            citations=len(citations),
            agencies=len({p.agency for p in self.powers if p.agency}),
        )

    @property
    def complete(self) -> bool:
        """Whether ``powers`` holds every power the counts count (False: one page of them)."""
        return len(self.powers) == self.counts.powers

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of ``kg trace --json``."""
        return {
            "provision": {"iri": self.iri, "label": self.label, "article_text": self.article_text},
            "law": self.law.to_dict() if self.law is not None else None,
            "counts": self.counts.to_dict(),
            "complete": self.complete,
            "powers": [p.to_dict() for p in self.powers],
        }


def _parse(text: str, extract: Extractor, resolver: Resolver) -> list[Citation]:
    """The citations in ``text``; a title without 《》 is retried with title marks.

    The retry lets a short name only our alias table knows through: with a provision
    (社保法第五十八条) always, alone (社保法) only when the table knows the name, so
    arbitrary words are still reported as naming nothing.
    """
    found = [c for c in extract(text) if c.role == "cites"] or list(extract(text))
    if found:
        return found
    match = _TITLE_THEN_PROVISION.match(text)
    if match is None:
        return []
    title = match["title"].strip()
    if match["rest"] or clean_title(title, resolver.rules) in resolver.table.by_title:
        return list(extract(f"《{title}》{match['rest'] or ''}"))
    return []


def _one_reference(text: str, citations: list[Citation]) -> tuple[Citation, Provision | None]:
    if not citations:
        raise TraceError(
            f"no law, article or document number recognised in {text!r}; "
            "write it as a list would, e.g. 社会保险法第五十八条 or 国务院令第649号",
            2,
        )
    distinct = {(c.instrument.title, c.instrument.doc_number, c.provisions) for c in citations}
    if len(distinct) > 1:
        names = "; ".join(text[c.span[0] : c.span[1]] for c in citations)
        raise TraceError(f"{text!r} names more than one reference ({names}); trace one at a time", 2)
    citation = citations[0]
    provisions = [p for p in citation.provisions if p.path()]
    if len(provisions) > 1:
        labels = "、".join(provision_label(p.path()) for p in provisions)
        raise TraceError(f"{text!r} names several provisions ({labels}); trace one at a time", 2)
    return citation, (provisions[0] if provisions else None)


def _exists(store: Store, node: URIRef) -> bool:
    return bool(run_query(store, "resource_label", resource=node))


def _title(store: Store, node: URIRef, *, with_number: bool = True) -> str:
    """A node's display title: its eli:title (or label), with its document number if asked."""
    rows = run_query(store, "resource_label", resource=node)
    titles = sorted({str(r["title"]) for r in rows if r.get("title") is not None})
    labels = sorted({str(r["label"]) for r in rows if r.get("label") is not None})
    title = (titles or labels or [str(node)])[0]
    numbers = sorted(
        {str(r["label"]) for r in run_query(store, "instrument_labels", instrument=node)} - set(labels)
    )
    if with_number and numbers and numbers[0] != title:
        return f"{title}（{numbers[0]}）"
    return title


def instruments_known_by(
    resolved: ResolvedInstrument, known: Iterable[tuple[str, str]], resolver: Resolver
) -> list[str]:
    """The instruments among (IRI, label or number) pairs that ``resolved`` names.

    The minted IRI wins; else any label or document number the graph knows it by,
    compared after :func:`kg.resolve.clean_title` (the rule the build used).
    """
    pairs = list(known)
    minted = str(instrument_iri(resolved.key))
    if any(node == minted for node, _label in pairs):
        return [minted]
    wanted = {
        clean_title(v, resolver.rules) for v in (resolved.title, resolved.doc_number, *resolved.labels) if v
    }
    return sorted({node for node, label in pairs if clean_title(label, resolver.rules) in wanted})


def _find_instrument(store: Store, resolver: Resolver, resolved: ResolvedInstrument) -> URIRef:
    """The instrument node: by the minted IRI, else by any label or number it is known by."""
    minted = instrument_iri(resolved.key)
    if _exists(store, minted):
        return minted
    rows = run_query(store, "instrument_labels")
    known = [(str(r["instrument"]), str(r["label"])) for r in rows]
    hits = instruments_known_by(resolved, known, resolver)
    if len(hits) == 1:
        return URIRef(hits[0])
    if len(hits) > 1:
        raise TraceError(
            f"{resolved.title or resolved.doc_number} matches several instruments", 2, [(h, h) for h in hits]
        )
    raise TraceError(
        f"the graph has no instrument {resolved.title or resolved.doc_number!r}",
        1,
        _closest(resolved.title or resolved.doc_number or "", known),
    )


def _closest(word: str, known: list[tuple[str, str]]) -> list[tuple[str, str]]:
    by_label = {label: node for node, label in known}
    matches = difflib.get_close_matches(word, list(by_label), n=MAX_CANDIDATES, cutoff=0.3)
    return [(by_label[m], m) for m in matches]


def _provision_candidates(
    store: Store, instrument: URIRef, path: tuple[tuple[str, int], ...]
) -> list[tuple[str, str]]:
    rows = run_query(store, "instrument_provisions", instrument=instrument)
    parts = dict(path)
    wanted = next((parts[k] for k in ("art", "chp", "part", "item") if parts.get(k)), 0)

    def distance(row: Row) -> tuple[int, str]:
        node = str(row["provision"])
        path = provision_path(node)
        return (abs((path[0][1] if path else 0) - wanted), node)

    nearest = sorted(rows, key=distance)[:MAX_CANDIDATES]
    title = _title(store, instrument, with_number=False)
    return [(str(r["provision"]), title + str(r["label"])) for r in nearest]


@dataclass(frozen=True, slots=True)
class ParsedReference:
    """What a person typed, understood: the instrument and the provision path (None: whole)."""

    instrument: ResolvedInstrument
    path: tuple[tuple[str, int], ...] | None
    citation: Citation | None = None
    """The extractor's reading of the words (the law library looks the instrument up by it)."""
    provision: Provision | None = None


def parse_reference(
    text: str, *, extract: Extractor | None = None, resolver: Resolver | None = None
) -> ParsedReference:
    """Understand ``text`` as ``kg trace`` does, without asking the graph anything.

    The site's search index is computed with this function, so the page finds
    whatever the command does (社保法第五十八条, 社会保险法第58条, 国务院令649号).

    Raises:
        TraceError: unparseable or ambiguous (exit code 2).
    """
    extract = extract or default_extractor()
    resolver = resolver or Resolver()
    citation, provision = _one_reference(text, _parse(text, extract, resolver))
    resolved = resolver.resolve(citation.instrument)
    if resolved is None:
        raise TraceError(f"{text!r} names no instrument title or document number", 2)
    path = tuple(provision.path()) if provision is not None else None
    return ParsedReference(resolved, path, citation, provision)


def resolve_reference(
    text: str,
    store: Store,
    *,
    extract: Extractor | None = None,
    resolver: Resolver | None = None,
) -> tuple[URIRef, str]:
    """The IRI and label of the provision or instrument ``text`` names.

    Raises:
        TraceError: unparseable or ambiguous (exit code 2) or unknown (1, with candidates).
    """
    node, label, _parsed, _instrument = _resolve(
        text, store, extract, resolver or Resolver(), installed_library()
    )
    return node, label


def _resolve(
    text: str, store: Store, extract: Extractor | None, resolver: Resolver, library: LibraryLike | None
) -> tuple[URIRef, str, ParsedReference, URIRef]:
    """The node ``text`` names, its label, the parsed words and the instrument node."""
    parsed = parse_reference(text, extract=extract, resolver=resolver)
    instrument = _find_instrument(store, resolver, parsed.instrument)
    if parsed.path is None:
        return instrument, _title(store, instrument), parsed, instrument
    node = provision_iri(instrument, parsed.path)
    label = _title(store, instrument, with_number=False) + provision_label(parsed.path)
    if not _exists(store, node):
        raise TraceError(
            _not_in_law(library, parsed) or f"no power in the graph cites {label}",
            1,
            _provision_candidates(store, instrument, parsed.path),
        )
    return node, label, parsed, instrument


def _not_in_law(library: LibraryLike | None, parsed: ParsedReference) -> str | None:
    """What the law's text says of a provision no power cites: that the law has no such article
    (and how many it has), when the library holds the text; None when it has it or is silent."""
    provision = parsed.provision
    if parsed.citation is None or provision is None or provision.article is None:
        return None
    law = find_instrument(library, parsed.citation.instrument)
    if law is None or not has_text(law) or not is_complete(law.current):
        return None
    found = lookup_cited(law, provision)
    if found.found:
        return None
    counts = {
        "article": f"the version in force ({found.version.date}) has {found.count} articles",
        "paragraph": f"the article has {found.count} paragraph(s)",
        "item": f"the paragraph has {found.count} item(s)",
    }
    earlier = f"; the {found.earlier.date} version had it" if found.earlier is not None else ""
    return (
        f"《{law.title}》没有{provision_label(provision.path())} / the law has no such "
        f"{found.missing}: {counts[found.missing or 'article']}{earlier}"
    )


def _text(term: Identifier | None) -> str | None:
    return None if term is None else str(term)


def _row_order(row: Row) -> tuple[Any, ...]:
    """The order of ``powers_on_provision``: list, 序号 as a number, then the rest."""
    seq = str(row["seq"])
    return (
        str(row["listTitle"]), len(seq), seq, str(row["item"]), str(row["column"]), str(row["cited"]),
        int(str(row["line"])), *(str(row.get(k) or "") for k in ("citedAs", "agencyName", "quote", "rawText")),
        str(row.get("citation") or ""),
    )  # fmt: skip


def _parts(store: Store, node: URIRef) -> list[Identifier]:
    """``node`` and every part of it (item → paragraph → article → chapter), sorted.

    Asked apart from the citations: one query with the ``is_part_of*`` path and the
    citation join left the join order to the engine, and at 100,000 items Oxigraph took
    seconds where the steps (the parts, then each part's citations) take milliseconds.
    """
    return sorted({row["cited"] for row in run_query(store, "parts_of", target=node)}, key=str)


def _citation_rows(store: Store, parts: Sequence[Identifier]) -> list[Row]:
    """The rows of ``powers_on_provision`` for the node whose ``parts`` these are, in its order."""
    rows = {
        _row_order(row): row
        for part in parts
        for row in _labelled(store, part, run_query(store, "citations_of", cited=part))
    }
    return [rows[key] for key in sorted(rows)]


def _labelled(store: Store, part: Identifier, rows: list[Row]) -> list[Row]:
    """``rows`` (citations of ``part``), each ``citedAs`` the part's label where the citation has none.

    The label is asked once per part (``cited_label``) rather than joined per row in
    ``citations_of``: Oxigraph evaluates that OPTIONAL join apart from the bound part,
    a scan of every provision's label (measured at 10,000 items: 6 → 44 ms CPU for
    行政处罚法第八条), even now that each label is asserted once.
    """
    if all(row.get("citedAs") is not None for row in rows):
        return rows  # nothing to label (or no citation of this part): no second query
    labels = sorted((row["label"] for row in run_query(store, "cited_label", cited=part)), key=str)
    labelled: list[Row] = []
    for row in rows:
        if row.get("citedAs") is not None or not labels:
            labelled.append(row)
        else:
            labelled.extend({**row, "citedAs": label} for label in labels)
    return labelled


def _page_key(row: Row) -> tuple[str, str]:
    """The order a paged trace takes its powers in: by agency, then by item, as the graph names them.

    IRIs, not display names or row numbers, so that ordering costs no lookup per power
    (an agency's IRI is its credit code or its name; an item's, its power code or its
    list and 序号); the page is then shown grouped by name as a whole answer is.
    """
    return (str(row.get("agency") or ""), str(row["item"]))


READ_WHOLE_BELOW = 4
"""A node fewer than this many pages of powers rest on is read whole and cut: the citations
of every part in one query each cost less than two queries per power on the page."""


def _page_rows(store: Store, parts: Sequence[Identifier], limit: int) -> tuple[list[Row], TraceCounts]:
    """The citation rows of the first ``limit`` powers resting on the parts, and the counts of all.

    Every count is exact: the powers and their agencies from each part's ``part_powers``
    (one index lookup per power, no citation joined), the citations from each part's
    count (a citation names one resource, so the parts' counts add up). Only the powers
    on the page have their citations and row read (``item_citations``, ``item_facts``):
    at a million items a node 12,000 powers rest on costs its keys, not 12,000 joined rows.
    """
    keys: dict[str, Row] = {}
    agencies: set[str] = set()
    cited_parts = 0
    for part in parts:
        found = run_query(store, "part_powers", cited=part)
        cited_parts += bool(found)
        for row in found:
            keys.setdefault(str(row["item"]), row)
            if row.get("agency") is not None:
                agencies.add(str(row["agency"]))
    page = sorted(keys.values(), key=_page_key)[:limit]
    shown = {str(row["item"]) for row in page}
    if len(keys) < limit * READ_WHOLE_BELOW:
        every = _citation_rows(store, parts)
        citations = len({str(row["citation"]) for row in every})
        rows = [row for row in every if str(row["item"]) in shown]
    else:
        citations = sum(
            _int(row.get("citations"))
            for part in parts
            for row in run_query(store, "part_citation_count", cited=part)
        )
        rows = _rows_of_items(store, parts, [row["item"] for row in page])
    return rows, TraceCounts(
        powers=len(keys), provisions=cited_parts, citations=citations, agencies=len(agencies)
    )


def _rows_of_items(store: Store, parts: Sequence[Identifier], items: Sequence[Identifier]) -> list[Row]:
    """The ``citations_of`` rows of ``items`` alone, for the citations that name one of ``parts``."""
    wanted = set(map(str, parts))
    by_part: dict[Identifier, list[Row]] = {}
    for item in items:
        facts = run_query(store, "item_facts", item=item)
        for cited in run_query(store, "item_citations", item=item):
            if str(cited["cited"]) in wanted:
                by_part.setdefault(cited["cited"], []).extend({**fact, **cited} for fact in facts)
    rows = {
        _row_order(row): row
        for part in sorted(by_part, key=str)
        for row in _labelled(store, part, by_part[part])
    }
    return [rows[key] for key in sorted(rows)]


def _int(term: Identifier | None) -> int:
    return int(str(term)) if term is not None else 0


def trace(
    text: str,
    store: Store,
    *,
    extract: Extractor | None = None,
    resolver: Resolver | None = None,
    library: LibraryLike | None = None,
    limit: int | None = None,
) -> TraceResult:
    """Resolve ``text`` and list every power resting on that node or any part of it.

    Each citation carries the cited provision's text from the law library (the one
    shipped with the package when ``library`` is None) beside its quote.

    With ``limit``, only the first ``limit`` powers (by agency and item, see
    :func:`_page_key`) are read whole; the counts are still of every power
    (``TraceResult.totals``), so the answer costs its page, not its size. None
    reads them all.

    Examples:
        See ``tests/trace/test_trace.py``; from the shell: ``kg trace "社会保险法第五十八条"``.
    """
    library = library if library is not None else installed_library()
    node, label, parsed, instrument_node = _resolve(text, store, extract, resolver or Resolver(), library)
    law = find_instrument(library, parsed.citation.instrument) if parsed.citation is not None else None
    if law is not None and not has_text(law):
        law = None
    instrument = str(instrument_node)
    parts = _parts(store, node)
    totals: TraceCounts | None = None
    if limit is None:
        rows = _citation_rows(store, parts)
    else:
        rows, totals = _page_rows(store, parts, limit)
    by_item: dict[str, list[Row]] = {}
    for row in rows:
        by_item.setdefault(str(row["item"]), []).append(row)
    result = TraceResult(iri=str(node), label=label, totals=totals)
    if law is not None:
        result.law = law_facts(law)
        if parsed.provision is not None:
            result.article_text = report(law, parsed.provision).article_text
    reports: dict[tuple[str, str | None], QuoteReport | None] = {}

    def grounded(cited: str, quote: str | None) -> QuoteReport | None:
        """The law's report on one (provision, quote), asked once: lists copy their quotes."""
        if (cited, quote) not in reports:
            reports[cited, quote] = _grounded(law, instrument, cited, quote)
        return reports[cited, quote]

    for item, item_rows in by_item.items():
        first = item_rows[0]
        one_row_each = {str(row["citation"]): row for row in reversed(item_rows)}
        citations = tuple(
            TracedCitation(
                iri=iri,
                cited=str(row["cited"]),
                cited_as=_text(row.get("citedAs")),
                quote=_text(row.get("quote")),
                column=str(row["column"]),
                raw_text=_text(row.get("rawText")),
                line=int(str(row["line"])),
                law=grounded(str(row["cited"]), _text(row.get("quote"))),
            )
            for iri, row in sorted(one_row_each.items(), key=lambda kv: _row_order(kv[1]))
        )
        result.powers.append(
            TracedPower(
                seq=str(first["seq"]),
                name=str(first["name"]),
                agency=_text(first.get("agencyName")),
                list=str(first["listTitle"]),
                file=str(first["file"]),
                line=int(str(first["line"])),
                item=item,
                citations=citations,
            )
        )
    return result


def _grounded(
    law: LawInstrument | None, instrument: str, cited: str, quote: str | None
) -> QuoteReport | None:
    """The law's text of the provision a power cites, beside its quote."""
    if law is None:
        return None
    path = provision_path(cited, instrument)
    return report(law, Provision.from_path(path, quote)) if path else None
