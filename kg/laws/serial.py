"""The library on disk: one JSON object per instrument, one per line, optionally compressed.

The shipped library (``kg/laws/data/``) and a user's imported library use this one
format. Reading checks every line and names the file and line of a bad one; writing is
atomic, so an interrupted import never leaves half a library.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import MappingProxyType
from typing import IO, Any

from kg.laws.model import LawArticle, LawInstrument, LawVersion
from kg.laws.source import LawSourceError

__all__ = ["FORMAT", "instrument_from_json", "instrument_to_json", "read_library_file", "write_library_file"]

FORMAT = "kg-law-library/1"
"""The format name the first line (the header) of every library file carries."""


def _article_to_json(article: LawArticle) -> list[Any]:
    return [
        article.number,
        article.suffix,
        article.chapter,
        article.section,
        article.book,
        list(article.paragraphs),
    ]


def instrument_to_json(instrument: LawInstrument) -> dict[str, Any]:
    """A JSON-ready dict of ``instrument`` (articles as compact lists)."""
    return {
        "title": instrument.title,
        "short_titles": list(instrument.short_titles),
        "kind": instrument.kind,
        "issuer": instrument.issuer,
        "promulgation_number": instrument.promulgation_number,
        "status": instrument.status,
        "status_source": instrument.status_source,
        "dates": dict(instrument.dates),
        "repealed_by": instrument.repealed_by,
        "order_numbers": list(instrument.order_numbers),
        "versions": [
            {
                "date": v.date,
                "source": v.source,
                "history": list(v.history),
                "source_status": v.source_status,
                "in_force_date": v.in_force_date,
                "articles": [_article_to_json(a) for a in v.articles],
            }
            for v in instrument.versions
        ],
    }


def instrument_from_json(data: dict[str, Any]) -> LawInstrument:
    """The instrument a dict of :func:`instrument_to_json` describes.

    Raises:
        KeyError, TypeError, ValueError: when the dict is not one.
    """
    versions = tuple(
        LawVersion(
            date=v["date"],
            articles=tuple(
                LawArticle(int(n), int(s), c, sec, b, tuple(p)) for n, s, c, sec, b, p in v["articles"]
            ),
            source=str(v["source"]),
            history=tuple(v.get("history", ())),
            source_status=v.get("source_status"),
            in_force_date=v.get("in_force_date"),
        )
        for v in data["versions"]
    )
    if not isinstance(data["title"], str) or not data["title"]:
        raise ValueError("an instrument without a title")
    return LawInstrument(
        title=data["title"],
        short_titles=tuple(data.get("short_titles", ())),
        kind=data.get("kind", "其他"),
        issuer=data.get("issuer"),
        promulgation_number=data.get("promulgation_number"),
        versions=versions,
        status=data.get("status", "unknown"),
        status_source=data.get("status_source", ""),
        dates=MappingProxyType(dict(data.get("dates", {}))),
        repealed_by=data.get("repealed_by"),
        order_numbers=tuple(data.get("order_numbers", ())),
    )


def _open(path: Path, mode: str) -> IO[str]:
    import gzip
    import lzma

    if path.suffix == ".xz":
        return lzma.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    if path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return path.open(mode, encoding="utf-8")


def read_library_file(path: Path) -> tuple[dict[str, Any], list[LawInstrument]]:
    """``(header, instruments)`` of a library file (``.jsonl``, ``.jsonl.gz`` or ``.jsonl.xz``).

    Raises:
        LawSourceError: naming the file (and line) when it is missing, not a library, or damaged.
    """
    import lzma

    try:
        with _open(path, "r") as handle:
            header = json.loads(handle.readline() or "null")
            if not isinstance(header, dict) or header.get("format") != FORMAT:
                raise LawSourceError(f"{path}: not a law library file (no '{FORMAT}' header line)")
            instruments = []
            for number, line in enumerate(handle, start=2):
                try:
                    instruments.append(instrument_from_json(json.loads(line)))
                except (KeyError, TypeError, ValueError) as error:
                    raise LawSourceError(f"{path}, line {number}: not an instrument ({error})") from error
    except (OSError, EOFError, lzma.LZMAError, json.JSONDecodeError, UnicodeDecodeError) as error:
        raise LawSourceError(f"{path}: cannot be read as a law library ({error})") from error
    return header, instruments


def _lines(header: dict[str, Any], instruments: Iterable[LawInstrument]) -> Iterator[str]:
    yield json.dumps({"format": FORMAT, **header}, ensure_ascii=False, sort_keys=True)
    for instrument in instruments:
        yield json.dumps(instrument_to_json(instrument), ensure_ascii=False, separators=(",", ":"))


def write_library_file(path: Path, header: dict[str, Any], instruments: Iterable[LawInstrument]) -> None:
    """Write a library file atomically; ``.xz``/``.gz`` suffixes compress it.

    Compressed output is deterministic (no time stamp in the gzip header), so the same
    library gives the same bytes.
    """
    import gzip
    import lzma

    from kg.atomic import atomic_write

    body = "\n".join(_lines(header, instruments)) + "\n"
    data = body.encode("utf-8")
    if path.suffix == ".xz":
        data = lzma.compress(data, preset=9 | lzma.PRESET_EXTREME)
    elif path.suffix == ".gz":
        data = gzip.compress(data, compresslevel=9, mtime=0)
    with atomic_write(path, "wb") as handle:
        handle.write(data)
