"""Chinese legal-citation extraction: text in, :class:`Citation` objects out.

Pure functions, no I/O and no RDF (see DESIGN.md).
"""

from extractors.models import Citation, Instrument, Provision

__all__ = ["Citation", "Instrument", "Provision"]
