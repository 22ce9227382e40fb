"""Drafts → frozen :class:`~extractors.models.Citation` objects with canonical instruments.

Here an instrument gets its canonical title, its corrected number, issuer, level and
kind; building is cached because cells cite the same few instruments over and over.
"""

from __future__ import annotations

from functools import cache, lru_cache

from extractors.classify import classify
from extractors.docnumbers import DocNumber
from extractors.drafts import Draft, ProvDraft
from extractors.glosses import strip_glosses
from extractors.models import Citation, Instrument, Provision
from extractors.tables import known_instruments, short_name_index
from extractors.titles import canonical_title, embedded_title, issuer_from_title

__all__ = ["citation", "instrument", "provision"]


@cache
def _known_by_number() -> dict[str, str]:
    """Known instruments by document number, to name an instrument cited by number only."""
    return {k.doc_number: k.title for k in known_instruments() if k.doc_number}


def _correct_number(doc: DocNumber, title: str | None) -> tuple[str | None, tuple[str, ...]]:
    """Prefer the number the alias table knows for this title when the raw one was malformed."""
    known = short_name_index().get(title or "")
    if (
        doc.flags
        and known
        and known.doc_number
        and known.doc_number != doc.normalised
        and doc.serial is not None
        and known.doc_number.endswith(f"{doc.serial}号")
    ):
        return known.doc_number, (*doc.flags, "corrected_from_table")
    return doc.normalised, doc.flags


def instrument(draft: Draft) -> Instrument:
    """The instrument a draft cites (through its alias or anaphor base, if any)."""
    root = draft.root()
    return _build_instrument(
        draft.raw_title,
        root.recovered_title or root.raw_title,
        root.doc,
        root.issuer,
        root.date,
        root.version,
        root.alias,
        draft.annex_title or root.annex_title,
        bool(root.notes) and any(note.startswith("standard:") for note in root.notes),
    )


INSTRUMENT_CACHE_SIZE = 4096
"""Cells cite the same few instruments over and over: build each distinct one once."""


@lru_cache(maxsize=INSTRUMENT_CACHE_SIZE)
def _build_instrument(
    raw_title: str | None,
    source_title: str | None,
    doc: DocNumber | None,
    issuer_before: str | None,
    date: str | None,
    version: str | None,
    alias: str | None,
    annex_title: str | None,
    standard: bool = False,
) -> Instrument:
    """The :class:`Instrument` for one way of citing it (title as written, number, notes).

    ``standard``: the title came with a standard's code (《…》（GB 2762-2017）), so it is one.
    """
    title = canonical_title(strip_glosses(source_title)) if source_title else None
    if title is None and doc is not None and doc.normalised:
        title = _known_by_number().get(doc.normalised)
    number, flags = _correct_number(doc, title) if doc else (None, ())
    known = short_name_index().get(title or "")
    issuer = (doc.issuer if doc else None) or issuer_before or (known.issuer if known else None)
    issuer = issuer or (issuer_from_title(title) if title else None)
    kind = "标准" if standard else classify(title, number, issuer)
    if issuer is None and kind == "法律":
        issuer = "全国人民代表大会常务委员会"
    return Instrument(
        title=title,
        raw_title=raw_title,
        doc_number=number,
        raw_doc_number=doc.raw if doc and flags else None,
        doc_number_flags=flags,
        kind=kind,
        issuer=issuer,
        issuer_level=doc.issuer_level if doc else ("国家" if known else None),
        date=date,
        version=version,
        alias=alias,
        embedded_title=embedded_title(title) if title else None,
        annex_title=annex_title,
    )


class _ProvisionSlots:
    """A :class:`Provision` being filled in: the same slots, not frozen (see :func:`provision`)."""

    __slots__ = Provision.__slots__


class _CitationSlots:
    """A :class:`Citation` being filled in: the same slots, not frozen (see :func:`citation`)."""

    __slots__ = Citation.__slots__


def provision(prov: ProvDraft) -> Provision:
    """The frozen provision of a draft provision.

    A frozen dataclass sets every field through ``object.__setattr__``, which made building
    the 13 fields of a provision cost as much as resolving it. So the fields are set on a
    plain object with the same slots, which then becomes a :class:`Provision` by taking its
    class (the layouts are the same): an ordinary frozen, hashable, equal instance.
    A draft's path is keyed by level names (:data:`~extractors.models.LEVELS`), which
    are the :class:`Provision` field names.

    Examples:
        >>> built = provision(ProvDraft({"article": 86, "paragraph": 1}, 9, 17, "第八十六条第一款"))
        >>> type(built) is Provision
        True
        >>> built == Provision(article=86, paragraph=1, span=(9, 17), raw="第八十六条第一款")
        True
        >>> built.article = 3
        Traceback (most recent call last):
        dataclasses.FrozenInstanceError: cannot assign to field 'article'
    """
    get = prov.path.get
    built = _ProvisionSlots()
    built.book = get("book")
    built.chapter = get("chapter")
    built.section = get("section")
    built.article = get("article")
    built.article_suffix = prov.suffix
    built.paragraph = get("paragraph")
    built.item = get("item")
    built.sub_item = get("sub_item")
    built.part = get("part")
    built.annex = get("annex")
    built.quote = prov.quote
    built.span = (prov.start, prov.end)
    built.raw = prov.raw
    built.__class__ = Provision  # type: ignore[assignment]
    return built  # type: ignore[return-value]


def _frozen_citation(
    draft: Draft, span: tuple[int, int], provisions: tuple[Provision, ...], notes: tuple[str, ...]
) -> Citation:
    """A :class:`Citation` built as :func:`provision` builds a provision (no frozen setattr)."""
    built = _CitationSlots()
    built.role = draft.role
    built.span = span
    built.instrument = instrument(draft)
    built.provisions = provisions
    built.rule = draft.rule
    built.notes = notes
    built.__class__ = Citation  # type: ignore[assignment]
    return built  # type: ignore[return-value]


def _may_repeat(provs: list[ProvDraft]) -> bool:
    """Do two of ``provs`` have the same levels and suffix? (cheaper than comparing built paths)."""
    levels = {(frozenset(kv for kv in p.path.items() if kv[1] is not None), p.suffix) for p in provs}
    return len(levels) < len(provs)


def citation(draft: Draft) -> Citation:
    """The frozen citation of a draft; its span runs to its last provision."""
    end = draft.end
    for prov in draft.provisions:
        end = max(end, prov.end)
    provisions = [provision(p) for p in draft.provisions]
    notes = draft.notes
    if len(provisions) > 1 and _may_repeat(draft.provisions):
        distinct = list({(p.path(), p.book, p.chapter, p.section): p for p in reversed(provisions)}.values())
        if len(distinct) < len(provisions):
            # 第十条、第十条: one provision cited twice is cited once (the first mention kept)
            provisions = sorted(distinct, key=lambda p: p.span or (0, 0))
            notes = [*notes, "repeated_provision"]
    return _frozen_citation(draft, (draft.start, end), tuple(provisions), tuple(notes))
