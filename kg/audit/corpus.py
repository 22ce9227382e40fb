"""The audit's view of its input: power items with the citations found in their cells.

Checks compare across lists (one title cited two ways in two lists), so they see
the whole corpus; but what is kept per item is only the record and its
citations, the :class:`kg.model.ExtractedItem` that :func:`kg.model.extract_item`
made for the graph build as well.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from extractors.models import Citation, Instrument
from kg.audit.model import InstrumentRef, ItemRef, Location
from kg.model import TEXT_COLUMNS, ExtractedItem, PowerItem, PowerList, Repair
from kg.resolve import Resolver, learn_numbers

__all__ = [
    "DEFAULT_HEADERS",
    "CitedItem",
    "Corpus",
    "Occurrence",
    "instrument_ref",
    "where",
]

DEFAULT_HEADERS: dict[str, str] = {
    "basis": "实施依据",
    "duties": "责任事项",
    "accountability": "追责情形",
    "code": "地方权力编码",
}
"""Chinese header of each text field when the file's own header is not known."""


def where(items: Iterable[CitedItem]) -> str:
    """Where, in words a reviewer knows: 天水市医保局权责清单 序号4160；瓜州县… 序号1、8.

    Lists are named by their title (file names are hashes); 序号 keep their order.
    """
    by_list: dict[str, list[str]] = {}
    for cited in items:
        name = cited.item.list_title or PurePath(cited.item.file).name
        seqs = by_list.setdefault(name, [])
        if cited.item.seq not in seqs:
            seqs.append(cited.item.seq)
    return "；".join(f"{name} 序号{'、'.join(seqs)}" for name, seqs in by_list.items())


def instrument_ref(instrument: Instrument) -> InstrumentRef:
    """The plain reference a finding keeps for an extracted instrument."""
    return InstrumentRef(title=instrument.title or instrument.raw_title, doc_number=instrument.doc_number)


@dataclass(frozen=True, slots=True)
class CitedItem:
    """An extracted item as the checks see it: its reference, agency, headers and locations."""

    extracted: ExtractedItem

    @property
    def item(self) -> PowerItem:
        return self.extracted.item

    def citations(self, column: str) -> tuple[Citation, ...]:
        """The citations found in one text field (basis, duties, accountability)."""
        return self.extracted.citations_in(column)

    @property
    def ref(self) -> ItemRef:
        code = self.item.code_info
        return ItemRef(
            file=self.item.file,
            seq=self.item.seq,
            name=self.item.name,
            code=code.raw if code is not None and code.valid else None,
            list_title=self.item.list_title,
            key=self.item.key,
        )

    @property
    def agency(self) -> str:
        """Who exercises the power: the agency, or the list when the row does not say."""
        return self.item.agency or self.item.list_title or PurePath(self.item.file).name

    def header(self, column: str) -> str:
        """The column's header as written in the file, else its usual Chinese name."""
        return self.item.columns.get(column) or DEFAULT_HEADERS.get(column, column)

    def text(self, column: str) -> str:
        return str(getattr(self.item, column, "") or "")

    def location(self, column: str | None = None, raw: str | None = None) -> Location:
        return Location(
            file=self.item.file,
            line=self.item.line,
            seq=self.item.seq,
            column=self.header(column) if column else None,
            raw=raw,
        )


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One citation in one cell of one item."""

    cited: CitedItem
    column: str
    citation: Citation

    @property
    def instrument(self) -> Instrument:
        return self.citation.instrument

    def raw_text(self) -> str:
        """The citation as written in the cell (its span)."""
        start, end = self.citation.span
        return self.cited.text(self.column)[start:end]

    def location(self, raw: str | None = None) -> Location:
        return self.cited.location(self.column, raw if raw is not None else self.raw_text())


@dataclass(slots=True)
class Corpus:
    """Everything one audit run looks at.

    "The same instrument" is the graph's decision, not the audit's: :meth:`identity` and
    :meth:`title_identity` ask :class:`kg.resolve.Resolver`, with the numbers learned
    across the corpus (a title cited once with its number and once without is one
    instrument), so a finding's grouping and the key it reports agree.
    """

    items: list[CitedItem] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    lists: list[PowerList] = field(default_factory=list)
    _resolved: tuple[int, Resolver] | None = field(default=None, init=False, repr=False, compare=False)
    _identities: dict[Instrument, tuple[str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def add(self, extracted: ExtractedItem) -> None:
        """Add one item with the citations found in its cells."""
        self.items.append(CitedItem(extracted))

    def occurrences(self) -> Iterator[Occurrence]:
        """Every citation of every item, in list order and column order."""
        for cited in self.items:
            for column in TEXT_COLUMNS:
                for citation in cited.citations(column):
                    yield Occurrence(cited, column, citation)

    @property
    def resolver(self) -> Resolver:
        """The graph's identity rules, with the title → number pairs this corpus teaches.

        Made on first use and again once items were added since.
        """
        if self._resolved is None or self._resolved[0] != len(self.items):
            learned = learn_numbers(occ.instrument for occ in self.occurrences())
            self._resolved = (len(self.items), Resolver(learned=learned))
            self._identities.clear()
        return self._resolved[1]

    def _identified(self, instrument: Instrument) -> tuple[str, str]:
        """(identity, title identity), asked once per distinct instrument: every check asks again."""
        resolver = self.resolver
        found = self._identities.get(instrument)
        if found is None:
            found = self._identities[instrument] = (
                resolver.identity(instrument),
                resolver.title_identity(instrument),
            )
        return found

    def identity(self, instrument: Instrument) -> str:
        """The key of ``instrument``'s graph node: equal for two citations of one instrument."""
        return self._identified(instrument)[0]

    def title_identity(self, instrument: Instrument) -> str:
        """The canonical title the graph knows ``instrument`` by, whatever its number."""
        return self._identified(instrument)[1]

    def instrument_key(self, instrument: Instrument) -> str:
        """Which instrument a quote or a basis names: its title identity, else its number.

        Title first, as a reader compares quotes: a title cited under two numbers (one
        of them a slip that ``doc_number_conflict`` reports) is still one law whose
        articles are compared; the graph's node key (:meth:`identity`) would split it.
        """
        return self.title_identity(instrument) or instrument.doc_number or ""
