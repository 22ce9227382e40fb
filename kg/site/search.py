"""What the site's search understands: every reference ``kg trace`` understands, worked out at build time.

The page has no parser of its own. The build writes the names people type for each
instrument and cited provision — titles, short titles, aliases from the resolver's
table, document numbers with and without 第, article labels in Chinese and Arabic
numerals — but only those that :func:`kg.trace.parse_reference` (the parser behind
``kg trace``) reads as that very node. The page then looks up the typed text,
normalised by :func:`search_key`, in that table: 社保法, 社保法第五十八条,
社会保险法第58条 and 国务院令649号 find what ``kg trace`` finds, offline.

:func:`search_key` is the one normalisation; ``static/site.js`` repeats it in one line
(NFKC, lower case, no spaces, brackets or quotes) and a browser test holds the two equal.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import cache

import regex

from extractors.protocols import Extractor
from kg.graph.labels import provision_label
from kg.iri import provision_iri
from kg.resolve import ResolvedInstrument, Resolver
from kg.site.data import SiteData
from kg.trace import TraceError, instruments_known_by, parse_reference

__all__ = ["KEY_DROP", "reference_keys", "reference_texts", "search_key"]

KEY_DROP = r"[\s《》〈〉<>“”\"'‘’()（）〔〕［］【】\[\]{}]"
"""Characters a search key drops (the same class as ``normalise`` in ``static/site.js``)."""

_DROP = regex.compile(KEY_DROP)
_ORDER_NUMBER = regex.compile(r"令第(\d+)号$")


def search_key(text: str) -> str:
    """The key a typed text is looked up by: NFKC, lower case, no spaces, brackets or quotes.

    Examples:
        >>> search_key("《社会保险法》 第58条")
        '社会保险法第58条'
        >>> search_key("人社部[2016]120号") == search_key("人社部〔2016〕120号")
        True
    """
    return _DROP.sub("", unicodedata.normalize("NFKC", text).lower())


def _name_candidates(data: SiteData, iri: str, resolver: Resolver) -> set[str]:
    """Names someone might type for an instrument (each is checked by the parser afterwards)."""
    inst = data.instruments[iri]
    names = {inst.title, inst.short_title, inst.doc_number, *inst.labels}
    records = [r for r in resolver.table.by_title.values() if r.title in names]
    for record in records:
        names |= {record.title, *record.aliases}
        if record.doc_number:
            names.add(record.doc_number)
    for name in list(names):
        if name and name.startswith(resolver.rules.law_prefix):
            names.add(name.removeprefix(resolver.rules.law_prefix))
        if name and _ORDER_NUMBER.search(name):
            names.add(_ORDER_NUMBER.sub(r"令\1号", name))
    return {n for n in names if n}


def reference_texts(
    data: SiteData, *, extract: Extractor | None = None, resolver: Resolver | None = None
) -> Iterator[tuple[str, str]]:
    """(text, node IRI) for every name of every instrument and cited provision the parser confirms.

    An instrument's names are confirmed alone; a provision's labels (Chinese and Arabic
    numerals) with the instrument's title. A provision's texts are then every confirmed
    name followed by every confirmed label.
    """
    resolver = resolver or Resolver()
    known = [
        (iri, label) for iri, inst in data.instruments.items() for label in (*inst.labels, inst.doc_number)
    ]
    read = cache(lambda text: _read(text, extract, resolver))
    names: dict[str, list[str]] = {}
    for iri in sorted(data.instruments):
        confirmed = []
        for name in sorted(_name_candidates(data, iri, resolver)):
            parsed = read(name)
            if parsed and parsed[1] is None and instruments_known_by(parsed[0], known, resolver) == [iri]:
                confirmed.append(name)
        names[iri] = confirmed
        for name in confirmed:
            yield name, iri
    for iri in sorted(data.provisions):
        prov = data.provisions[iri]
        if not data.items_on(iri) or prov.instrument not in data.instruments:
            continue
        title = data.instruments[prov.instrument].title
        parsed = read(f"《{title}》{prov.label}")
        if not parsed or not parsed[1] or str(provision_iri(prov.instrument, parsed[1])) != iri:
            continue
        labels = [prov.label]
        arabic = provision_label(parsed[1], arabic=True)
        again = read(f"《{title}》{arabic}")
        if arabic != prov.label and again and again[1] == parsed[1]:
            labels.append(arabic)
        for name in names.get(prov.instrument, ()):
            for label in labels:
                yield name + label, iri


Reading = tuple[ResolvedInstrument, tuple[tuple[str, int], ...] | None]
"""What the parser made of a text: the instrument and the provision path (None: whole)."""


def _read(text: str, extract: Extractor | None, resolver: Resolver) -> Reading | None:
    try:
        parsed = parse_reference(text, extract=extract, resolver=resolver)
    except TraceError:
        return None
    return parsed.instrument, parsed.path


def reference_keys(
    data: SiteData, *, extract: Extractor | None = None, resolver: Resolver | None = None
) -> dict[str, list[str]]:
    """:func:`search_key` of each confirmed text → the IRIs it names (usually one), sorted."""
    keys: dict[str, set[str]] = {}
    for text, iri in reference_texts(data, extract=extract, resolver=resolver):
        keys.setdefault(search_key(text), set()).add(iri)
    return {key: sorted(iris) for key, iris in sorted(keys.items())}
