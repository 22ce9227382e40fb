"""The audit's entry point: run every check over items and their citations.

Input is what ingest and the extractor produce — read results (items, repairs)
and the citations :func:`kg.model.extract_item` finds in each item's cells — so
``kg audit`` works straight from list files, with no store in between; from a
store (:func:`kg.audit.store.audit_store`) the same extraction runs over the
cell texts the graph keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Protocol

from extractors.models import Instrument
from extractors.protocols import Extractor
from kg.audit.basis import no_basis
from kg.audit.corpus import Corpus
from kg.audit.divergence import basis_divergences
from kg.audit.docnumbers import doc_number_conflicts, malformed_doc_numbers
from kg.audit.identity import duplicate_seqs, same_title_lists
from kg.audit.lawtext import law_text_findings
from kg.audit.model import Finding, InstrumentRef
from kg.audit.powercodes import malformed_power_codes
from kg.audit.quotes import quoted_text_conflicts
from kg.audit.repairs import repair_findings
from kg.audit.status import StatusTable, not_in_force
from kg.audit.titles import alias_definitions, aliases, title_variants
from kg.laws.cite import LibraryLike, installed_library
from kg.model import PowerItem, PowerList, Repair, extract_item

__all__ = [
    "CHECKS",
    "KINDS",
    "YIELDS",
    "Facts",
    "ReadResultLike",
    "audit",
    "audit_corpus",
]


@dataclass(frozen=True, slots=True)
class Facts:
    """Facts about the world the checks compare the lists with (the law, not the lists)."""

    status: StatusTable | None = None
    """The hand-made status table, for instruments the library lacks (the bundled one when None)."""
    library: LibraryLike | None = None
    """The law library (:func:`kg.laws.library.default_library` when the audit is not given one)."""


Check = Callable[[Corpus, Facts], list[Finding]]


class ReadResultLike(Protocol):
    """What :func:`kg.ingest.read_list` returns, as far as the audit needs it."""

    power_list: PowerList
    items: list[PowerItem]
    repairs: list[Repair]


CHECKS: dict[str, Check] = {
    "malformed_doc_number": lambda c, _: malformed_doc_numbers(c),
    "doc_number_conflict": lambda c, _: doc_number_conflicts(c),
    "title_variant": lambda c, _: title_variants(c),
    "alias": lambda c, _: aliases(c),
    "alias_definition": lambda c, _: alias_definitions(c),
    "malformed_power_code": lambda c, _: malformed_power_codes(c),
    "quoted_text_conflict": lambda c, _: quoted_text_conflicts(c),
    "basis_divergence": lambda c, _: basis_divergences(c),
    "row_repair": lambda c, _: repair_findings(c),
    "no_basis": lambda c, _: no_basis(c),
    "not_in_force": lambda c, f: not_in_force(c, f.status, f.library),
    "law_text": lambda c, f: law_text_findings(c, f.library),
    "duplicate_seq": lambda c, _: duplicate_seqs(c),
    "same_title_list": lambda c, _: same_title_lists(c),
}
"""Check name → check. Most yield the kind they are named after; :data:`YIELDS` names the others."""

YIELDS: dict[str, tuple[str, ...]] = {
    "row_repair": ("row_repair", "junk_row"),
    "law_text": ("article_not_found", "quote_mismatch", "renumbered"),
}
"""Checks whose findings are of other or several kinds (ingest repairs; the law's text)."""

KINDS: tuple[str, ...] = tuple(kind for name in CHECKS for kind in YIELDS.get(name, (name,)))
"""Every finding kind the audit reports."""


def audit_corpus(
    corpus: Corpus,
    *,
    status: StatusTable | None = None,
    library: LibraryLike | None = None,
    kinds: Iterable[str] | None = None,
) -> list[Finding]:
    """Run the checks (all, or those whose kinds are named) and sort the findings.

    Raises:
        ValueError: for a kind name the audit does not know.
    """
    wanted = set(kinds) if kinds is not None else set(KINDS)
    unknown = wanted - set(KINDS)
    if unknown:
        raise ValueError(f"unknown finding kind(s): {', '.join(sorted(unknown))}; known: {', '.join(KINDS)}")
    findings: list[Finding] = []
    facts = Facts(status=status, library=library if library is not None else installed_library())
    for name, check in CHECKS.items():
        if wanted & set(YIELDS.get(name, (name,))):
            findings.extend(f for f in check(corpus, facts) if f.kind in wanted)
    resolve = _key_resolver(corpus)
    findings = [replace(f, instruments=tuple(resolve(i) for i in f.instruments)) for f in findings]
    return sorted(findings, key=Finding.sort_key)


def _key_resolver(corpus: Corpus) -> Callable[[InstrumentRef], InstrumentRef]:
    """Give each instrument reference the key its graph node is minted from.

    Numbers learned across the corpus (title cited once with, once without its
    number) make the key agree with the node the list that gave the number built.
    """
    resolver = corpus.resolver

    def resolve(ref: InstrumentRef) -> InstrumentRef:
        resolved = resolver.resolve(Instrument(title=ref.title, doc_number=ref.doc_number))
        return replace(ref, key=resolved.key) if resolved else ref

    return resolve


def audit(
    results: Iterable[ReadResultLike],
    extract: Extractor,
    *,
    status: StatusTable | None = None,
    library: LibraryLike | None = None,
    kinds: Iterable[str] | None = None,
    on_item: Callable[[PowerItem], None] | None = None,
) -> list[Finding]:
    """Audit read lists: extract the citations in their items' cells, then run the checks.

    Args:
        results: what :func:`kg.ingest.read_list` returned for each list.
        extract: the citation extractor (:func:`extractors.protocols.default_extractor`),
            run on every text field by :func:`kg.model.extract_item`.
        status: status facts for ``not_in_force`` of instruments the library lacks; the bundled
            table when None.
        library: the law library the citations are checked against; the shipped one when None.
        kinds: only these finding kinds (all when None).
        on_item: called after each item is extracted (a progress bar).

    Returns:
        The findings, errors first.
    """
    corpus = Corpus()
    for result in results:
        corpus.lists.append(result.power_list)
        corpus.repairs.extend(result.repairs)
        for item in result.items:
            corpus.add(extract_item(item, extract))
            if on_item is not None:
                on_item(item)
    return audit_corpus(corpus, status=status, library=library, kinds=kinds)
