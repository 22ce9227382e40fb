"""Citation audit: find what is wrong in the lists before it misleads anyone.

Findings (:class:`Finding`) come from checks over power items and the citations
found in their cells: malformed and conflicting document numbers, merged titles,
malformed power codes, quotes that do not fit their article, equivalent items on
different articles, rows ingest repaired or skipped, in-cell short names, items
without a legal basis and citations of instruments amended or repealed since.

The audit owns no fact the build also needs: citations, document-number parts and
flags, short names and issued titles are the extractor's (:func:`kg.model.extract_item`),
and whether two citations name one instrument is :class:`kg.resolve.Resolver`'s
(:meth:`Corpus.identity`), so a finding never groups what the graph keeps apart.

Attributes are imported on first use (:mod:`kg.lazy`), so ``kg trace``, which
judges quotes with :mod:`kg.audit.grounding`, does not load the list readers.
"""

from kg.lazy import lazy_attributes

__all__ = [
    "CHECKS",
    "KINDS",
    "Corpus",
    "Evidence",
    "Finding",
    "InstrumentRef",
    "ItemRef",
    "Location",
    "Severity",
    "StatusTable",
    "StatusTableError",
    "audit",
    "audit_corpus",
    "audit_store",
    "bundled_status",
    "load_status",
]

__getattr__ = lazy_attributes(
    __name__,
    {
        "Corpus": "corpus",
        **dict.fromkeys(("Evidence", "Finding", "InstrumentRef", "ItemRef", "Location", "Severity"), "model"),
        **dict.fromkeys(("CHECKS", "KINDS", "audit", "audit_corpus"), "run"),
        "audit_store": "store",
        **dict.fromkeys(("StatusTable", "StatusTableError", "bundled_status", "load_status"), "status"),
    },
)
