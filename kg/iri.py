"""Every IRI of the graph is minted here, and nowhere else.

IRIs are readable (Chinese stays Chinese, as IRIs allow) and deterministic: they
depend only on the thing named, never on which other lists happen to be loaded,
so building one list alone or together with a thousand others gives the same
nodes. Characters that may not stand in an IRI path segment are percent-encoded.

Examples:
    >>> str(instrument_iri("国务院令第649号"))
    'https://w3id.org/qzqd-kg/id/instrument/国务院令第649号'
    >>> str(provision_iri(instrument_iri("中华人民共和国社会保险法"), (("art", 77), ("para", 1))))
    'https://w3id.org/qzqd-kg/id/instrument/中华人民共和国社会保险法/art_77__para_1'
    >>> provision_path('https://w3id.org/qzqd-kg/id/instrument/中华人民共和国社会保险法/art_77__para_1')
    (('art', 77), ('para', 1))
    >>> segment("a b/c")
    'a%20b%2Fc'
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import unquote

from rdflib import URIRef

from extractors.models import LEVEL_BY_NAME

__all__ = [
    "BASE",
    "ONTOLOGY",
    "agency_iri",
    "citation_iri",
    "graph_iri",
    "instrument_iri",
    "instrument_kind_iri",
    "item_key_of",
    "item_keys",
    "law_status_iri",
    "law_text_iri",
    "law_version_iri",
    "library_graph_iri",
    "list_iri",
    "list_key",
    "list_key_of",
    "local_name",
    "org_unit_iri",
    "power_item_iri",
    "power_type_iri",
    "provision_graph_iri",
    "provision_iri",
    "provision_of",
    "provision_path",
    "reference_iri",
    "scheme_iri",
    "segment",
    "summary_graph_iri",
]

BASE = "https://w3id.org/qzqd-kg/id/"
"""Namespace of every node the graph mints."""

ONTOLOGY = "https://w3id.org/qzqd-kg/ontology#"
"""Namespace of the ontology terms (``kg:``)."""

_UNRESERVED_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~()")
# Unicode ranges RFC 3987 allows unescaped in an IRI (ucschar); everything else is encoded.
_UCSCHAR_RANGES: tuple[tuple[int, int], ...] = (
    (0xA0, 0xD7FF),
    (0xF900, 0xFDCF),
    (0xFDF0, 0xFFEF),
    (0x10000, 0xEFFFD),
)


def _allowed(char: str) -> bool:
    code = ord(char)
    if code < 0x80:
        return char in _UNRESERVED_ASCII
    return any(low <= code <= high for low, high in _UCSCHAR_RANGES)


@functools.lru_cache(maxsize=1 << 18)
def segment(text: str) -> str:
    """Make ``text`` one IRI path segment: whitespace trimmed, the rest percent-encoded.

    Args:
        text: a name, title, document number or code.

    Returns:
        The segment, with every character an IRI path segment cannot hold
        (``/``, ``#``, ``?``, spaces …) percent-encoded as UTF-8.

    Raises:
        ValueError: when ``text`` is empty, since an empty segment would merge nodes.
    """
    text = text.strip()
    if not text:
        raise ValueError("cannot mint an IRI segment from empty text")
    out: list[str] = []
    for char in text:
        if _allowed(char):
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    return "".join(out)


def _mint(*parts: str) -> URIRef:
    return URIRef(BASE + "/".join(segment(part) for part in parts))


def instrument_iri(key: str) -> URIRef:
    """An instrument, keyed by its normalised document number or canonical title.

    Choosing the key is :mod:`kg.resolve`'s job; this only mints.
    """
    return _mint("instrument", key)


def provision_iri(instrument: URIRef, path: Sequence[tuple[str, int]]) -> URIRef:
    """A provision: the instrument's IRI + an Akoma-Ntoso-like path (``art_77__para_1``).

    Args:
        instrument: the IRI of the instrument the provision belongs to.
        path: the levels from the top down, as :meth:`Provision.path` gives them.

    Raises:
        ValueError: for an empty path (that would be the instrument itself).
    """
    if not path:
        raise ValueError("a provision needs at least one level (art, para, chp …)")
    return URIRef(f"{instrument}/{_path_segment(path)}")


_LEVEL_JOIN = "__"
"""Between the levels of a provision path in its IRI segment (``art_77__para_1``)."""


def _path_segment(path: Sequence[tuple[str, int]]) -> str:
    return _LEVEL_JOIN.join(f"{segment(name)}_{int(number)}" for name, number in path)


def local_name(iri: str) -> str:
    """The last path segment of a minted IRI, as minted (``art_77__para_1``, percent-encoding kept).

    Examples:
        >>> local_name("https://x/id/instrument/a/art_77__para_1")
        'art_77__para_1'
    """
    return iri.rsplit("/", 1)[-1]


def provision_path(iri: str, instrument: str | None = None) -> tuple[tuple[str, int], ...] | None:
    """The path :func:`provision_iri` (or :func:`law_text_iri`) put into ``iri``; the inverse of minting.

    Args:
        iri: a provision's IRI (``…/社会保险法/art_77__para_1``).
        instrument: when given, ``iri`` must be a provision of this instrument (its IRI plus
            one path segment), else the answer is None.

    Returns:
        The levels from the top down, named as :meth:`extractors.models.Provision.path` names
        them; None for an IRI whose last segment is no provision path (an instrument, an item).

    Examples:
        >>> provision_path("https://x/id/instrument/a/chp_5__art_27", "https://x/id/instrument/a")
        (('chp', 5), ('art', 27))
        >>> provision_path("https://x/id/instrument/a/art_77", "https://x/id/instrument/b") is None
        True
        >>> provision_path("https://x/id/instrument/国务院令第649号") is None
        True
    """
    if instrument is not None:
        prefix = instrument.rstrip("/") + "/"
        if not iri.startswith(prefix) or "/" in iri[len(prefix) :]:
            return None
    path: list[tuple[str, int]] = []
    for part in local_name(iri).split(_LEVEL_JOIN):
        name, _, number = part.rpartition("_")
        if name not in LEVEL_BY_NAME or not (number.isascii() and number.isdigit()):
            return None
        path.append((name, int(number)))
    return tuple(path)


def provision_within(node: str, ancestor: str) -> bool:
    """Whether the provision IRI ``node`` is ``ancestor`` or a part of it by path.

    Examples:
        >>> provision_within("https://x/a/art_27__para_1", "https://x/a/art_27")
        True
        >>> provision_within("https://x/a/art_270", "https://x/a/art_27")
        False
    """
    return node == ancestor or node.startswith(ancestor + _LEVEL_JOIN)


_INSTRUMENTS = f"{BASE}instrument/"
"""Where :func:`instrument_iri` mints (one segment below: the key, percent-encoded)."""


def provision_of(iri: str) -> tuple[URIRef, tuple[tuple[str, int], ...]] | None:
    """The instrument and path of an IRI :func:`provision_iri` minted; None for any other IRI.

    What lets a provision's facts be written from its IRI alone (the shared provision graph).

    Examples:
        >>> provision_of(BASE + "instrument/a/chp_5__art_27")
        (rdflib.term.URIRef('https://w3id.org/qzqd-kg/id/instrument/a'), (('chp', 5), ('art', 27)))
        >>> provision_of(BASE + "instrument/a") is None
        True
    """
    instrument = iri.rpartition("/")[0]
    key = instrument.removeprefix(_INSTRUMENTS)
    if key == instrument or not key or "/" in key:
        return None
    path = provision_path(iri, instrument)
    return (URIRef(instrument), path) if path else None


def list_key(title: str, source_file: str) -> str:
    """The key of a list's IRIs: its title and its file name, as two encoded path segments.

    A list is identified by its source, not by its title alone: two files that carry
    one title (two agencies' exports of the same template, two editions) are two
    lists, and dropping one leaves the other. The file *name*, not its path, so the
    same file gives the same IRIs wherever it sits; a corrected edition saved under
    the same name replaces the old one's graph. The title stays in the key so that
    the many exports called ``权责清单.xlsx`` in different folders stay apart.

    Examples:
        >>> list_key("甲市医保局权责清单", "data/jia.txt")
        '甲市医保局权责清单/jia.txt'
        >>> list_key("", "dir/b c.txt")
        'b%20c.txt'
    """
    parts = [part for part in (title.strip(), PurePath(source_file).name.strip()) if part]
    if not parts:
        raise ValueError("a list needs a title or a file name to be named")
    return "/".join(segment(part) for part in parts)


def item_keys(seqs: Sequence[str]) -> list[str]:
    """Each row's identity within its list: its 序号, made unique by row position.

    Real lists repeat 序号 (two tables pasted together, a sub-item numbered like its
    parent) or leave it blank; two rows must never become one node. The first row
    with a 序号 keeps it as its key, so an unchanged list keeps its IRIs; each later
    row with the same 序号 gets ``序号~2``, ``序号~3`` … in row order, and a blank
    序号 becomes ``~1``, ``~2`` … A generated key never takes a 序号 another row has.

    Examples:
        >>> item_keys(["1", "2", "2", "", "", "2~2"])
        ['1', '2', '2~3', '~1', '~2', '2~2']
    """
    taken = {seq.strip() for seq in seqs if seq.strip()}
    seen: set[str] = set()
    counters: dict[str, int] = {}
    keys: list[str] = []
    for raw in seqs:
        seq = raw.strip()
        if seq and seq not in seen:
            seen.add(seq)
            keys.append(seq)
            continue
        number = counters.get(seq, 1 if seq else 0) + 1
        while f"{seq}~{number}" in taken or f"{seq}~{number}" in seen:
            number += 1
        candidate = f"{seq}~{number}"
        counters[seq] = number
        seen.add(candidate)
        keys.append(candidate)
    return keys


def item_key_of(item: str) -> str | None:
    """The key :func:`power_item_iri` put into a list-minted item IRI; None for one minted by code."""
    marker = "/item/"
    if not item.startswith(BASE + "list/") or marker not in item:
        return None
    return unquote(item.rsplit(marker, 1)[1])


def list_key_of(list_node: str) -> str | None:
    """The :func:`list_key` a list IRI was minted from (to find its graph); None for other IRIs."""
    prefix = BASE + "list/"
    if not list_node.startswith(prefix) or "/item/" in list_node:
        return None
    return list_node[len(prefix) :] or None


def _list_path(list_key: str) -> str:
    if not list_key.strip():
        raise ValueError("cannot mint a list IRI from an empty key")
    return list_key


def power_item_iri(*, code: str | None, list_key: str, seq: str) -> URIRef:
    """A power item: by its valid power code, else by list + its key (:func:`item_keys`).

    ``list_key`` is :func:`list_key`'s (already encoded); ``seq`` is the item's key.
    """
    if code:
        return _mint("power", code)
    return URIRef(f"{BASE}list/{_list_path(list_key)}/item/{segment(seq)}")


def agency_iri(*, credit_code: str | None, name: str) -> URIRef:
    """An agency: by unified social credit code when known, else by full name."""
    if credit_code:
        return _mint("agency", credit_code)
    return _mint("agency", name)


def org_unit_iri(agency: URIRef, unit: str) -> URIRef:
    """An internal unit (承办机构) of an agency."""
    return URIRef(f"{agency}/unit/{segment(unit)}")


def list_iri(list_key: str) -> URIRef:
    """A power list as a document (the PROV entity items derive from); ``list_key`` from :func:`list_key`."""
    return URIRef(f"{BASE}list/{_list_path(list_key)}")


def column_iri(list_key: str, column: str) -> URIRef:
    """A list's text column (``basis`` …): it owns the header as the file writes it."""
    return URIRef(f"{list_iri(list_key)}/column/{segment(column)}")


def graph_iri(list_key: str) -> URIRef:
    """The named graph that holds everything read from one list (or ``findings``, the audit's)."""
    return URIRef(f"{BASE}graph/{_list_path(list_key)}")


def is_list_graph(graph: str) -> bool:
    """True for a graph :func:`graph_iri` minted for a list, not the build's own graphs.

    The library, shared-provision and summary graphs live outside ``graph/``; removing
    one of them as if it were a list would leave the store answering wrongly.
    """
    return graph.startswith(f"{BASE}graph/") and len(graph) > len(f"{BASE}graph/")


def reference_iri(*, list_key: str, seq: str, column: str, span: tuple[int, int]) -> URIRef:
    """One reference as written in one cell (《X法》第八条、第九条): list, 序号, column and span.

    The list is part of the IRI (not the power code) because one code may appear
    in two lists, and each list's references must stay in, and go with, its own graph.
    ``list_key`` is :func:`list_key`'s, ``seq`` the item's key (:func:`item_keys`).
    """
    local = f"{segment(column)}_{span[0]}-{span[1]}"
    return URIRef(f"{BASE}citation/{_list_path(list_key)}/{segment(seq)}/{local}")


def citation_iri(reference: URIRef, n: int) -> URIRef:
    """The citation of the ``n``-th provision a reference names (0 for one naming none).

    ``reference`` is :func:`reference_iri`'s; the two IRIs differ only by ``_n``, so a
    citation's IRI names its list, item, column and span as its reference's does.
    """
    return URIRef(f"{reference}_{n}")


def library_graph_iri() -> URIRef:
    """The one named graph of the law library's facts (status, versions, article texts).

    Outside ``graph/``, so no list's title can mint the same IRI.
    """
    return _mint("library", "graph")


def provision_graph_iri() -> URIRef:
    """The one named graph of the facts a provision's IRI alone decides (:mod:`kg.scale.provisions`).

    Its type, label, level, number, instrument and structural parent, written once for
    every list that cites it rather than once per list. Outside ``graph/``, so no
    list's title can mint the same IRI.
    """
    return _mint("provisions", "graph")


def summary_graph_iri() -> URIRef:
    """The one named graph of the precomputed aggregates (:mod:`kg.scale.summary`).

    Outside ``graph/``, so no list's title can mint the same IRI.
    """
    return _mint("summary", "graph")


def law_version_iri(instrument: URIRef, date: str | None) -> URIRef:
    """One version of an instrument in the law library, by its date (``…/version/2018-12-29``)."""
    return URIRef(f"{instrument}/version/{segment(date or 'undated')}")


def law_text_iri(version: URIRef, path: Sequence[tuple[str, int]]) -> URIRef:
    """The text of an article or paragraph in one version: the version's IRI + the provision path."""
    if not path:
        raise ValueError("a text needs at least one level (art, para …)")
    return URIRef(f"{version}/{_path_segment(path)}")


def law_status_iri(status: str) -> URIRef:
    """A concept of the law-status scheme (in_force, repealed, unknown)."""
    return _mint("scheme", "law-status", status)


def scheme_iri(scheme: str) -> URIRef:
    """A SKOS concept scheme (``power-type``, ``instrument-kind``)."""
    return _mint("scheme", scheme)


def power_type_iri(label: str) -> URIRef:
    """A concept of the power-type scheme (行政处罚 …)."""
    return _mint("scheme", "power-type", label)


def instrument_kind_iri(label: str) -> URIRef:
    """A concept of the instrument-kind scheme (法律, 行政法规 …)."""
    return _mint("scheme", "instrument-kind", label)
