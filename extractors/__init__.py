"""Chinese legal-citation extraction: text in, :class:`Citation` objects out.

Pure functions, no I/O and no RDF (see DESIGN.md). The pipeline is
:func:`~extractors.tokenizers.tokenize` → :func:`~extractors.assemble.assemble`, wrapped by
:func:`extract`; :func:`annotate` marks the result in the text. ``extract(text, document=TITLE)``
reads a whole law or judgment with its structure (:mod:`extractors.document`).
"""

from extractors.annotate import annotate
from extractors.classify import classify
from extractors.docnumbers import issuer_of, normalise_doc_number
from extractors.find import extract
from extractors.models import Citation, Instrument, Provision
from extractors.numerals import parse_numeral
from extractors.titles import canonical_title, is_form_title

__all__ = [
    "Citation",
    "Instrument",
    "Provision",
    "annotate",
    "canonical_title",
    "classify",
    "extract",
    "is_form_title",
    "issuer_of",
    "normalise_doc_number",
    "parse_numeral",
]
