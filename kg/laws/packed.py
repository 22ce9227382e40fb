"""The shipped library packed for lazy reading: a zip with one member per instrument.

Reading the whole library (1,420 instruments, 63,000 articles) took most of a second on
every command that looked up one law, ``kg trace`` among them. The pack keeps what
:class:`kg.laws.library.Library` makes of the shipped instruments, already merged, with
its status decided and its index built, so a command reads the index and the few
instruments it asks for:

- ``header.json``: the format, the digest of the code that decided the packed facts
  (:func:`code_digest`) and the library's own header (snapshot commit, counts);
- ``index.json``: the members in the library's order, and every title key and
  promulgation number the library finds an instrument by, mapped to its member;
- ``laws/NNNN.json``: one instrument each (:func:`kg.laws.serial.instrument_to_json`).

A pack written by other code than the running one is *stale*: its statuses or index may
not be what this code would decide. :func:`open_pack` then reads every instrument and
builds the library again (slow, but right), and ``tests/laws/test_packed.py`` fails
until ``python tools/build_law_library.py --repack`` is run.

Examples:
    >>> import tempfile
    >>> from kg.laws.library import Library
    >>> from kg.laws.model import LawArticle, LawInstrument, LawVersion
    >>> version = LawVersion(date="2019-03-02", articles=(LawArticle(number=1, paragraphs=("为了……",)),))
    >>> law = LawInstrument(title="社会救助暂行办法", promulgation_number="国务院令第649号", versions=(version,))
    >>> path = Path(tempfile.mkdtemp()) / "library.zip"
    >>> write_pack(path, {"snapshot_commit": "abc"}, Library([law]))
    >>> lazy = LazyLibrary(path)
    >>> lazy.by_number("国务院令第649号").title, len(lazy), lazy.loaded
    ('社会救助暂行办法', 1, 1)
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractors.tables import PRC_PREFIX
from kg.laws.serial import instrument_from_json, instrument_to_json
from kg.laws.source import LawSourceError
from kg.laws.titlekeys import title_lookup_key

if TYPE_CHECKING:
    from kg.laws.library import LawLibrary, Library
    from kg.laws.model import LawInstrument

__all__ = [
    "CODE_FACTS",
    "CODE_FILES",
    "PACK_FORMAT",
    "LazyLibrary",
    "Pack",
    "code_digest",
    "open_pack",
    "read_pack",
    "write_pack",
]

PACK_FORMAT = "kg-law-pack/1"
"""The format ``header.json`` names; another value is not a pack this code reads."""

CODE_FILES = ("library.py", "model.py", "packed.py", "serial.py", "status.py", "text.py", "titlekeys.py")
"""The modules of ``kg/laws`` whose code decides what a pack holds (merging, status, repeals, index keys)."""

CODE_FACTS: tuple[tuple[str, str], ...] = (("PRC_PREFIX", PRC_PREFIX),)
"""Facts owned outside ``kg/laws`` that the packed index is keyed by: every title is indexed
with and without :data:`extractors.tables.PRC_PREFIX`, so a change to it makes a pack stale too."""

_HEADER, _INDEX = "header.json", "index.json"
_STAMP = (1980, 1, 1, 0, 0, 0)
"""Every member's time stamp: the same library gives the same bytes."""


def code_digest() -> str:
    """SHA-256 of the :data:`CODE_FILES` as they are now (the bytes, in that order) and the :data:`CODE_FACTS`.

    Any edit to them, a comment included, makes the shipped pack stale: cheap to check
    at start-up, and a repack costs seconds.
    """
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in CODE_FILES:
        digest.update(name.encode() + b"\0" + (here / name).read_bytes() + b"\0")
    for name, value in CODE_FACTS:
        digest.update(name.encode() + b"\0" + value.encode() + b"\0")
    return digest.hexdigest()


def _member(number: int) -> str:
    return f"laws/{number:04d}.json"


def _dump(data: object) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def write_pack(path: Path, header: dict[str, Any], library: Library) -> None:
    """Write ``library`` (its instruments and index as they are) to the pack ``path``, atomically."""
    from kg.atomic import atomic_write

    instruments = list(library)
    member_of = {law.title: i for i, law in enumerate(instruments)}
    titles, numbers = library.index()
    index = {
        "members": [_member(i) for i in range(len(instruments))],
        "titles": {key: member_of[title] for key, title in sorted(titles.items())},
        "numbers": {number: member_of[title] for number, title in sorted(numbers.items())},
    }
    head = {"format": PACK_FORMAT, "code": code_digest(), "instruments": len(instruments), "library": header}
    with atomic_write(path, "wb") as handle, zipfile.ZipFile(handle, "w") as archive:
        for name, data in (
            (_HEADER, _dump(head)),
            (_INDEX, _dump(index)),
            *((_member(i), _dump(instrument_to_json(law))) for i, law in enumerate(instruments)),
        ):
            info = zipfile.ZipInfo(name, date_time=_STAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=9)


class Pack:
    """One pack file opened for reading: its header, its index, and its members on demand.

    The zip is opened once per process (a ``kg serve`` worker forked with an open file
    would share its offset with its siblings) and read under a lock.

    Raises:
        LawSourceError: naming the file when it is missing, not a pack, or damaged.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._archive: zipfile.ZipFile | None = None
        self._pid = -1
        head = self._json(_HEADER)
        if not isinstance(head, dict) or head.get("format") != PACK_FORMAT:
            raise LawSourceError(f"{path}: not a law library pack (no '{PACK_FORMAT}' header)")
        self.head: dict[str, Any] = head
        index = self._json(_INDEX)
        try:
            self.members: list[str] = list(index["members"])
            self.titles: dict[str, int] = dict(index["titles"])
            self.numbers: dict[str, int] = dict(index["numbers"])
        except (KeyError, TypeError) as error:
            raise LawSourceError(f"{path}: {_INDEX} is not a pack index ({error!r})") from error

    @property
    def header(self) -> dict[str, Any]:
        """The library's own header (snapshot commit and date, kinds, counts)."""
        return dict(self.head.get("library") or {})

    @property
    def stale(self) -> bool:
        """Whether other code than this decided the packed facts (see :func:`code_digest`)."""
        return self.head.get("code") != code_digest()

    def _json(self, name: str) -> Any:
        try:
            with self._lock:
                if self._archive is None or self._pid != os.getpid():
                    self._archive = zipfile.ZipFile(self.path)
                    self._pid = os.getpid()
                data = self._archive.read(name)
            return json.loads(data)
        except (OSError, KeyError, zipfile.BadZipFile, EOFError, ValueError) as error:
            raise LawSourceError(f"{self.path}: cannot read {name} of the law library ({error})") from error

    def instrument(self, number: int) -> LawInstrument:
        """The instrument of member ``number`` (as :meth:`members` orders them)."""
        name = self.members[number]
        try:
            return instrument_from_json(self._json(name))
        except (KeyError, TypeError, ValueError) as error:
            raise LawSourceError(f"{self.path}, {name}: not an instrument ({error})") from error


class LazyLibrary:
    """A packed library that reads an instrument the first time it is asked for.

    Answers as :class:`kg.laws.library.Library` over the same instruments would, which
    :func:`open_pack` ensures by reading a stale pack eagerly instead.
    """

    def __init__(self, pack: Pack | Path) -> None:
        self._pack = pack if isinstance(pack, Pack) else Pack(pack)
        self._read: dict[int, LawInstrument] = {}
        self._lock = threading.Lock()

    @property
    def loaded(self) -> int:
        """How many instruments have been read so far."""
        return len(self._read)

    def _at(self, number: int | None) -> LawInstrument | None:
        if number is None:
            return None
        found = self._read.get(number)
        if found is None:
            found = self._pack.instrument(number)
            with self._lock:
                found = self._read.setdefault(number, found)
        return found

    def get(self, title: str) -> LawInstrument | None:
        """The instrument by its official title, a short title, or the extractor's canonical title."""
        key = title_lookup_key(title)
        titles = self._pack.titles
        found = titles.get(key)
        return self._at(found if found is not None else titles.get(key.removeprefix(PRC_PREFIX)))

    def by_number(self, doc_number: str) -> LawInstrument | None:
        """The instrument promulgated or revised under ``doc_number``; None for an ambiguous one."""
        return self._at(self._pack.numbers.get(doc_number))

    def __iter__(self) -> Iterator[LawInstrument]:
        for number in range(len(self._pack.members)):
            found = self._at(number)
            assert found is not None
            yield found

    def __len__(self) -> int:
        return len(self._pack.members)


def read_pack(path: Path) -> tuple[dict[str, Any], list[LawInstrument]]:
    """``(library header, every instrument)`` of a pack, as :func:`kg.laws.serial.read_library_file` gives."""
    pack = Pack(path)
    return pack.header, [pack.instrument(i) for i in range(len(pack.members))]


def open_pack(
    path: Path, build: Callable[[Iterable[LawInstrument]], LawLibrary]
) -> tuple[dict[str, Any], LawLibrary]:
    """The library header and the library of a pack: lazy when fresh, built again when stale.

    Args:
        path: the pack.
        build: makes a library of instruments (:class:`kg.laws.library.Library`), for a stale
            pack; passed in, because the library reads the shipped pack through this module.
    """
    pack = Pack(path)
    if not pack.stale:
        return pack.header, LazyLibrary(pack)
    warnings.warn(
        f"{path} was packed by other code than this; reading it whole "
        "(run `python tools/build_law_library.py --repack`)",
        stacklevel=2,
    )
    return pack.header, build(pack.instrument(i) for i in range(len(pack.members)))
