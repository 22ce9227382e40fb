"""One identity per instrument, whichever way a list cites it.

The key an instrument's IRI is minted from depends only on the citation and the
tables passed in, never on which other lists are loaded, so incremental builds
agree with full ones:

1. the document number, when the citation has one and its series does not restart
   (国务院令第649号, 甘医保发〔2019〕35号: title variants with one number collapse);
2. else the number a table gives the canonical title (the bundled well-known
   instruments, or numbers learned from other citations of the same list);
3. else the canonical title (the extractor's: the law library's official form, 社会保险法 →
   中华人民共和国社会保险法, or the title as written when nobody knows it);
4. else a bare number from a restarting series (主席令第92号 with no title).

Examples:
    >>> from extractors.models import Instrument
    >>> resolver = Resolver(default_table(), default_rules())
    >>> resolver.resolve(Instrument(title="社会保险法")).key
    '中华人民共和国社会保险法'
    >>> resolver.resolve(Instrument(title="社会救助暂行办法")).key
    '国务院令第649号'
    >>> resolver.resolve(Instrument(title="中华人民共和国价格法", doc_number="主席令第92号")).key
    '中华人民共和国价格法'
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from extractors.models import Instrument
from kg.resolve.tables import InstrumentTable, ResolveRules, default_rules, default_table
from kg.resolve.titles import clean_title, title_key

__all__ = ["ResolvedInstrument", "Resolver", "learn_numbers"]


@dataclass(frozen=True, slots=True)
class ResolvedInstrument:
    """The identity of a cited instrument and what the graph says about it.

    ``labels`` holds every way it was written (raw title, alias, embedded title),
    so each variant stays findable on the one node.
    """

    key: str
    title: str | None
    doc_number: str | None
    kind: str | None
    issuer: str | None
    date: str | None
    labels: tuple[str, ...] = field(default=())


def _is_ambiguous(number: str, rules: ResolveRules) -> bool:
    return any(number.startswith(prefix) for prefix in rules.ambiguous_number_prefixes)


def learn_numbers(
    instruments: Iterable[Instrument],
    rules: ResolveRules | None = None,
) -> dict[str, str]:
    """Titles → document numbers, from citations that give both, where only one number is seen.

    Within one list a document is often cited once with its number and once
    without (酒医保〔2019〕59号 in 实施依据, the bare title in 追责情形); this lets
    both land on one node. Titles seen with two different numbers are left out:
    that conflict is for the audit to report, not for us to guess.
    """
    rules = rules or default_rules()
    seen: dict[str, set[str]] = defaultdict(set)
    for instrument in instruments:
        number = instrument.doc_number
        if not number or _is_ambiguous(number, rules):
            continue
        for title in (instrument.title, instrument.embedded_title):
            if title:
                seen[title_key(title, rules)].add(number)
    return {title: next(iter(numbers)) for title, numbers in seen.items() if len(numbers) == 1}


class Resolver:
    """Resolve :class:`Instrument` citations to :class:`ResolvedInstrument` identities.

    Args:
        table: well-known instruments (title/alias → number, number → title).
        rules: the resolution rules.
        learned: extra title → number pairs, e.g. :func:`learn_numbers` over one list.
    """

    def __init__(
        self,
        table: InstrumentTable | None = None,
        rules: ResolveRules | None = None,
        learned: Mapping[str, str] | None = None,
    ) -> None:
        self.table = table if table is not None else default_table()
        self.rules = rules if rules is not None else default_rules()
        self.learned = dict(learned or {})

    def canonical_title(self, title: str | None, raw_title: str | None = None) -> str | None:
        """The canonical title: the table's entry for any form of it, else the extractor's title.

        Both the extractor's title and the raw title are looked up, with and without
        the law prefix, so a short name only our table knows (社保法) still resolves;
        a title no table knows keeps the form the extractor gave it.
        """
        if not title and not raw_title:
            return None
        rules = self.rules
        forms: list[str] = []
        for text in (title, raw_title):
            if text:
                cleaned = clean_title(text, rules)
                forms += [cleaned, cleaned.removeprefix(rules.law_prefix)]
        for form in forms:
            record = self.table.by_title.get(form)
            if record:
                return record.title
        return clean_title(title or raw_title or "", rules)

    def _number_for(self, title: str | None) -> str | None:
        if not title:
            return None
        record = self.table.by_title.get(title)
        if record and record.doc_number:
            return record.doc_number
        return self.learned.get(title)

    def _identify(self, instrument: Instrument) -> tuple[str | None, str | None, str | None]:
        """(canonical title, document number, key) of ``instrument``: the rules of the module docstring."""
        title = self.canonical_title(instrument.title, instrument.raw_title)
        number = instrument.doc_number or self._number_for(title)
        if not title and number and number in self.table.by_number:
            title = self.table.by_number[number].title
        if number and not _is_ambiguous(number, self.rules):
            return title, number, number
        return title, number, title or number

    def identity(self, instrument: Instrument) -> str:
        """The key the graph mints ``instrument``'s node from ('' when it has neither title nor number).

        Two citations are one instrument exactly when their identities are equal: the
        audit groups "the same instrument" by this, never by a key of its own.
        """
        return self._identify(instrument)[2] or ""

    def title_identity(self, instrument: Instrument) -> str:
        """The title the graph knows ``instrument`` by, whatever its number ('' when it has none).

        For comparisons where the number is what is in question (one title cited with
        two numbers, a malformed number beside well-formed ones): two citations have
        one title identity when their canonical titles agree.
        """
        return self._identify(instrument)[0] or ""

    def spelling_key(self, title: str | None) -> str:
        """A key two spellings of one title share, even where the identity tells them apart.

        The identity keeps 中华人民共和国某某法 and 某某法 apart when no table knows the law
        (a prefix nobody wrote is never invented). A check asking whether two titles
        differ in *wording* (``title_variant``: one number, two titles) must not count
        the state name, title marks or bracket widths as wording.

        Examples:
            >>> Resolver().spelling_key("《中华人民共和国某某新设法》") == Resolver().spelling_key("某某新设法")
            True
        """
        return title_key(title, self.rules).removeprefix(self.rules.law_prefix) if title else ""

    def resolve(self, instrument: Instrument) -> ResolvedInstrument | None:
        """The identity of ``instrument``, or None when it has neither title nor number."""
        title, number, key = self._identify(instrument)
        if key is None:
            return None
        record = self.table.by_number.get(number or "") or self.table.by_title.get(title or "")
        return ResolvedInstrument(
            key=key,
            title=title,
            doc_number=number,
            kind=_known(instrument.kind) or (record.kind if record else None),
            issuer=instrument.issuer or (record.issuer if record else None),
            date=instrument.date or (record.date if record else None),
            labels=self._labels(instrument, title),
        )

    def _labels(self, instrument: Instrument, title: str | None) -> tuple[str, ...]:
        variants = (
            title,
            instrument.title,
            instrument.raw_title,
            instrument.alias,
            instrument.embedded_title,
        )
        cleaned = (clean_title(v, self.rules) for v in variants if v)
        return tuple(sorted({v for v in cleaned if v}))


def _known(kind: str | None) -> str | None:
    return None if kind in (None, "", "未知") else kind
