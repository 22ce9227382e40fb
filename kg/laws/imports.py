"""``kg laws import``: read a user's folder (LawRefBook layout) or one text file into the user library.

The user library is one file (:func:`kg.laws.library.user_library_path`); an import merges
what it read over what the file held (the new texts lead) and replaces the file
atomically, so an interrupted or failed import leaves the old one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from kg.laws.lawrefbook import LawRefBookFolder
from kg.laws.library import Library
from kg.laws.model import LawInstrument
from kg.laws.serial import read_library_file, write_library_file
from kg.laws.source import LawSourceError
from kg.laws.textfile import LawTextFile

__all__ = ["ImportResult", "import_laws"]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import read and wrote."""

    target: Path
    read: int
    versions: int
    total: int
    bytes: int
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def _read(source: Path, kind: str | None) -> tuple[list[LawInstrument], list[tuple[Path, str]]]:
    if source.is_file():
        return list(LawTextFile(source, kind=kind or "其他").instruments()), []
    if not source.is_dir():
        raise LawSourceError(f"{source}: no such folder or file")
    folder = LawRefBookFolder(source)
    read = list(folder.instruments())
    if not read:
        reasons = "; ".join(f"{p}: {r}" for p, r in folder.skipped[:3])
        raise LawSourceError(
            f"{source}: no law file (TITLE(YYYY-MM-DD).md with '# title' and 第N条 lines) {reasons}"
        )
    return read, list(folder.skipped)


def import_laws(source: Path, target: Path, *, kind: str | None = None) -> ImportResult:
    """Import ``source`` (a folder in the LawRefBook layout, or one text file) into ``target``.

    Raises:
        LawSourceError: naming the file when the source cannot be read, holds no law, or the
            existing user library is damaged (it is then left as it was).
    """
    read, skipped = _read(source, kind)
    held = read_library_file(target)[1] if target.is_file() else []
    merged = list(Library([*read, *held]))
    header = {"source": f"kg laws import {source.name}", "imported": sorted({source.as_posix()})}
    if target.is_file():
        previous = read_library_file(target)[0].get("imported", [])
        header["imported"] = sorted({*previous, source.as_posix()})  # type: ignore[misc]
    try:
        write_library_file(target, header, merged)
    except OSError as error:
        raise LawSourceError(
            f"{target}: cannot write the user library ({error.strerror or error})"
        ) from error
    return ImportResult(
        target=target,
        read=len(read),
        versions=sum(len(i.versions) for i in read),
        total=len(merged),
        bytes=target.stat().st_size,
        skipped=skipped,
    )
