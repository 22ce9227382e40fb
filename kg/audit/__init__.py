"""Citation audit: find what is wrong in the lists before it misleads anyone.

Findings (:class:`Finding`) come from checks over power items and the citations
found in their cells: malformed and conflicting document numbers, merged titles,
malformed power codes, quotes that do not fit their article, equivalent items on
different articles, rows ingest repaired or skipped, in-cell short names, items
without a legal basis and citations of instruments amended or repealed since.
"""

from kg.audit.corpus import Corpus, ItemKey, item_key
from kg.audit.model import Evidence, Finding, InstrumentRef, ItemRef, Location, Severity
from kg.audit.run import CHECKS, KINDS, audit, audit_corpus, extract_citations
from kg.audit.status import StatusTable, StatusTableError, bundled_status, load_status

__all__ = [
    "CHECKS",
    "KINDS",
    "Corpus",
    "Evidence",
    "Finding",
    "InstrumentRef",
    "ItemKey",
    "ItemRef",
    "Location",
    "Severity",
    "StatusTable",
    "StatusTableError",
    "audit",
    "audit_corpus",
    "bundled_status",
    "extract_citations",
    "item_key",
    "load_status",
]
