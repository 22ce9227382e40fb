"""The written site: complete, linked, offline, escaped, deterministic, all or nothing."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from kg.site.build import MARKER, SiteError, build_site
from kg.site.slugs import page_name
from tests.site.site_graph import ART58, LAW

LINK = re.compile(r"""(?:href|src)="([^"]*)\"""")


@pytest.fixture
def site(tmp_path: Path, store: Any, runner: Any) -> Path:
    build_site(store, tmp_path / "site", run_query=runner, progress=False)
    return tmp_path / "site"


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_pages_exist(site: Path) -> None:
    names = {p.relative_to(site).as_posix() for p in pages(site)}
    assert {"index.html", "overview.html"} <= names
    assert f"provision/{page_name(ART58)}" in names
    assert f"instrument/{page_name(LAW)}" in names
    assert sum(n.startswith("item/") for n in names) == 4
    assert sum(n.startswith("agency/") for n in names) == 2
    assert (site / "search-index.js").is_file() and (site / MARKER).is_file()
    for asset in ("vis-network.min.js", "vis-network.css", "site.css", "site.js"):
        assert (site / "static" / asset).stat().st_size > 0


def test_every_local_link_resolves(site: Path) -> None:
    for page in pages(site):
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            assert not target.startswith(("http:", "https:", "//")), (page, target)
            path = (page.parent / target.split("#")[0]).resolve()
            assert path.is_file(), f"{page.relative_to(site)} links to missing {target}"


def test_graph_node_urls_resolve(site: Path) -> None:
    import json

    block = re.compile(r'<script type="application/json" id="graph">(.*?)</script>', re.S)
    for page in pages(site):
        for raw in block.findall(page.read_text(encoding="utf-8")):
            for node in json.loads(raw)["nodes"]:
                if node["url"]:
                    assert (site / node["url"]).is_file(), node


def test_nothing_is_fetched_from_another_host(site: Path) -> None:
    for path in [*pages(site), site / "static" / "site.css", site / "static" / "site.js"]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), path
        assert "cdn" not in text.lower() and "@import" not in text, path
    css = (site / "static" / "vis-network.css").read_text(encoding="utf-8")
    assert not re.search(r"url\((?!\"?data:)", css)


@pytest.mark.parametrize(
    "raw",
    ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>医保局</b>", '"quoted"'],
    ids=["script", "img", "bold", "quote"],
)
def test_hostile_text_never_appears_raw(site: Path, raw: str) -> None:
    for path in [*pages(site), site / "search-index.js"]:
        assert raw not in path.read_text(encoding="utf-8"), path


def test_hostile_text_is_shown_escaped(site: Path) -> None:
    item_pages = [p.read_text(encoding="utf-8") for p in (site / "item").iterdir()]
    hostile = next(text for text in item_pages if "乙县" in text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "&lt;img src=x onerror=alert(1)&gt;" in hostile
    assert '<mark class="cite cites"' in hostile


def test_build_is_deterministic(tmp_path: Path, store: Any, runner: Any, site: Path) -> None:
    again = tmp_path / "again"
    build_site(store, again, run_query=runner, progress=False)
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert first == second


def test_rebuild_replaces_old_site(site: Path, store: Any, runner: Any) -> None:
    (site / "item" / "stale.html").write_text("old", encoding="utf-8")
    build_site(store, site, run_query=runner, progress=False)
    assert not (site / "item" / "stale.html").exists()
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("kind", ["file", "foreign-dir"], ids=["file", "foreign-dir"])
def test_refuses_to_overwrite_other_things(tmp_path: Path, store: Any, runner: Any, kind: str) -> None:
    target = tmp_path / "target"
    if kind == "file":
        target.write_text("mine", encoding="utf-8")
    else:
        target.mkdir()
        (target / "thesis.docx").write_text("mine", encoding="utf-8")
    with pytest.raises(SiteError, match="target"):
        build_site(store, target, run_query=runner, progress=False)
    assert (
        target.read_text(encoding="utf-8")
        if kind == "file"
        else (target / "thesis.docx").read_text(encoding="utf-8")
    ) == "mine"


def test_failed_build_leaves_old_site(site: Path, store: Any, runner: Any) -> None:
    before = (site / "index.html").read_bytes()

    def broken(root: Path) -> int:
        raise RuntimeError("audit failed")

    with pytest.raises(RuntimeError):
        build_site(store, site, run_query=runner, progress=False, findings_hook=broken)
    assert (site / "index.html").read_bytes() == before
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".")]


def test_findings_hook_is_linked(tmp_path: Path, store: Any, runner: Any) -> None:
    def audit(root: Path) -> int:
        (root / "findings.html").write_text("<p>findings</p>", encoding="utf-8")
        return 3

    build_site(store, tmp_path / "s", run_query=runner, progress=False, findings_hook=audit)
    index = (tmp_path / "s" / "index.html").read_text(encoding="utf-8")
    assert 'href="findings.html"' in index and "3 项" in index


def test_no_findings_no_link(site: Path) -> None:
    assert "findings.html" not in (site / "index.html").read_text(encoding="utf-8")
