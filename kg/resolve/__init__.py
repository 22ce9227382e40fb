"""One identity per instrument across lists: aliases, document numbers, title variants.

The one authority on "are these two citations one instrument": the graph mints its nodes
from :meth:`Resolver.identity`, and the audit groups by it (or by
:meth:`Resolver.title_identity` where the number is in question). The canonical title it
starts from is the extractor's (:func:`extractors.titles.canonical_title`).

Tables are passed in (see :class:`Resolver`), so the rules are testable alone;
the bundled ones come from ``kg/resolve/data``.
"""

from kg.resolve.instruments import ResolvedInstrument, Resolver, learn_numbers
from kg.resolve.tables import (
    InstrumentRecord,
    InstrumentTable,
    ResolveRules,
    default_rules,
    default_table,
    parse_instrument_table,
)
from kg.resolve.titles import clean_title, title_key

__all__ = [
    "InstrumentRecord",
    "InstrumentTable",
    "ResolveRules",
    "ResolvedInstrument",
    "Resolver",
    "clean_title",
    "default_rules",
    "default_table",
    "learn_numbers",
    "parse_instrument_table",
    "title_key",
]
