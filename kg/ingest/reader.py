"""Read one list file of any supported format into records: the entry point of ingest."""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import replace
from importlib import resources
from pathlib import Path

from kg.ingest.encoding import decode_bytes
from kg.ingest.errors import NotAPowerList
from kg.ingest.readers import csv_rows, html_rows, text_rows, xlsx_rows
from kg.ingest.rows import ReadResult, assemble

__all__ = ["LIST_SUFFIXES", "bundled_samples", "iter_input_files", "read_list"]

LIST_SUFFIXES: frozenset[str] = frozenset({".txt", ".tsv", ".tab", ".csv", ".xlsx", ".xlsm", ".html", ".htm"})
"""File kinds taken when a folder is given as input."""

ZIP_MAGIC = b"PK\x03\x04"


def _format_of(path: Path, data: bytes) -> str:
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"} or data.startswith(ZIP_MAGIC):
        return "xlsx"
    if suffix in {".html", ".htm"}:
        return "html"
    if suffix == ".csv":
        return "csv"
    if suffix in {".txt", ".tsv", ".tab"}:
        return "text"
    head = data[:4096].lower()
    if b"<table" in head or b"<html" in head:
        return "html"
    return "text" if b"\t" in head else "csv"


def read_list(path: Path | str) -> ReadResult:
    """Read a 权责清单 file (text, CSV, XLSX or HTML; UTF-8, UTF-8 BOM or GB18030).

    Raises:
        NotAPowerList: the file is missing, empty, binary, undecodable, or has no
            recognisable header; the message names the file and what was expected.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NotAPowerList(path, f"cannot be read ({exc.strerror or exc})") from exc
    if not data.strip():
        raise NotAPowerList(path, "the file is empty; expected a 权责清单 table")
    try:
        result, encoding = _read(path, data)
    except NotAPowerList:
        raise
    except Exception as exc:  # a file must never end a build with a traceback
        raise NotAPowerList(path, f"cannot be read ({type(exc).__name__}: {str(exc)[:200]})") from exc
    result.encoding = encoding
    result.power_list = replace(result.power_list, content_hash=hashlib.sha256(data).hexdigest())
    return result


def _read(path: Path, data: bytes) -> tuple[ReadResult, str | None]:
    kind = _format_of(path, data)
    encoding: str | None = None
    title_hint: str | None = None
    if kind == "xlsx":
        rows: Iterable = xlsx_rows(path)
    elif kind == "html":
        rows, title_hint = html_rows(data, path)
    else:
        text, encoding = decode_bytes(data, path)
        rows = text_rows(text) if kind == "text" else csv_rows(text)
    return assemble(rows, path, title_hint=title_hint), encoding


def iter_input_files(inputs: Sequence[Path | str]) -> list[Path]:
    """Files to read: files as given, folders expanded to the list files inside, sorted.

    A bare name that is no file here but is a bundled sample's name
    (天水市医保局权责清单.txt) reads that sample, so the examples of ``kg --help`` run anywhere.

    Raises:
        NotAPowerList: an input does not exist, or a folder holds no list file.
    """
    files: list[Path] = []
    for raw in inputs:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in LIST_SUFFIXES)
            if not found:
                raise NotAPowerList(path, f"a folder with no list files ({', '.join(sorted(LIST_SUFFIXES))})")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif (sample := _bundled_sample_named(path)) is not None:
            files.append(sample)
        else:
            raise NotAPowerList(path, "no such file or folder")
    return files


def sample_file_name(name: str) -> str:
    """A bundled sample's file name for any name it was known by.

    The samples are stored under their list titles (天水市医保局权责清单.txt); gold
    files written earlier name them by their seed files (``000_225844e784cb10fe.txt``),
    recorded in ``kg/data/samples/seed_names.csv``. Other names come back unchanged.
    """
    table = resources.files("kg").joinpath("data/samples/seed_names.csv").read_text(encoding="utf-8")
    seeds = {row["seed"]: row["file"] for row in csv.DictReader(table.splitlines())}
    return seeds.get(name, name)


def _bundled_sample_named(path: Path) -> Path | None:
    """The bundled sample a bare file name that exists nowhere else names (the --help examples)."""
    if path.parent != Path("."):
        return None
    wanted = sample_file_name(path.name)
    return next((sample for sample in bundled_samples() if sample.name == wanted), None)


def bundled_samples() -> list[Path]:
    """The two sample lists shipped with the package (the default input of every command)."""
    folder = resources.files("kg").joinpath("data/samples")
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".txt"))
