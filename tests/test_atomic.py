"""``kg.atomic.atomic_write``: the one temp-file-then-rename of the project (every writer uses it)."""

from __future__ import annotations

import ast
import gzip
import os
import stat
from pathlib import Path

import pytest

from kg.atomic import atomic_write

ROOT = Path(__file__).resolve().parents[1]


def test_an_error_while_writing_keeps_the_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "清单.txt"
    target.write_text("旧 old", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_write(target) as handle:
        handle.write("新 half of the new")
        raise RuntimeError("crash mid-write")
    assert target.read_text(encoding="utf-8") == "旧 old"
    assert [p.name for p in tmp_path.iterdir()] == ["清单.txt"]


def test_an_interrupt_is_cleaned_up_too(tmp_path: Path) -> None:
    target = tmp_path / "shard.nq.gz"
    with pytest.raises(KeyboardInterrupt), atomic_write(target, "wb", compress=True) as handle:
        handle.write(b"<a> <b> <c> .\n")
        raise KeyboardInterrupt
    assert not list(tmp_path.iterdir())


def test_compressed_output_is_gzip_and_the_same_bytes_every_time(tmp_path: Path) -> None:
    data = '<urn:s> <urn:p> "值" <urn:g> .\n'.encode() * 100
    written = []
    for name in ("a.nq.gz", "b.nq.gz"):
        with atomic_write(tmp_path / name, "wb", compress=True) as handle:
            handle.write(data)
        written.append((tmp_path / name).read_bytes())
    assert gzip.decompress(written[0]) == data
    assert written[0] == written[1]  # no file name, no time in the header


def test_compressing_text_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="wb"), atomic_write(tmp_path / "x.gz", compress=True):
        pass
    assert not list(tmp_path.iterdir())


def test_newline_is_passed_through(tmp_path: Path) -> None:
    with atomic_write(tmp_path / "crlf.csv", newline="") as handle:
        handle.write("a,b\r\n")
    assert (tmp_path / "crlf.csv").read_bytes() == b"a,b\r\n"


def test_the_file_gets_the_permissions_open_would_give(tmp_path: Path) -> None:
    with atomic_write(tmp_path / "atomic.txt") as handle:
        handle.write("x")
    (tmp_path / "plain.txt").write_text("x")
    mode = stat.S_IMODE(os.stat(tmp_path / "atomic.txt").st_mode)
    assert mode == stat.S_IMODE(os.stat(tmp_path / "plain.txt").st_mode)


def _renames(path: Path) -> list[int]:
    """Lines of ``path`` that call ``os.replace``/``os.rename``/``tempfile.mkstemp`` (a second idiom)."""
    idiom = {("os", "replace"), ("os", "rename"), ("tempfile", "mkstemp")}
    return [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and (node.value.id, node.attr) in idiom
    ]


def test_no_module_but_kg_atomic_renames_a_temp_file_into_place() -> None:
    """One crash-safety idiom to review (the site's folder swap, kg/site/build.py, renames folders)."""
    sources = [*(ROOT / "kg").rglob("*.py"), *(ROOT / "extractors").rglob("*.py")]
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in sources
        if path.name != "atomic.py" and (lines := _renames(path))
    }
    assert offenders == {}
