"""The findings page (kg.site.findings): escaped, linked to the pages the site has, written atomically."""

from __future__ import annotations

from pathlib import Path

from kg.audit.model import Evidence, Finding, ItemRef, Location
from kg.audit.rdf import item_node
from kg.site.findings import FINDINGS_PAGE, findings_hook, findings_page, site_link_for, write_findings_page
from kg.site.slugs import page_name

ITEM = ItemRef("a.txt", "7", "事项<script>", None, "清单")


def _finding(message: str = "<script>alert(1)</script>") -> Finding:
    return Finding(
        kind="no_basis",
        severity="warning",
        message=message,
        evidence=Evidence(locations=(Location("a.txt", 3, "7", "实施依据", "<b>raw</b>"),)),
        suggestion="补充依据",
        items=(ITEM,),
    )


def test_cells_are_escaped() -> None:
    html = findings_page([_finding()], lambda iri: None)
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)" in html
    assert "&lt;b&gt;raw&lt;/b&gt;" in html


def test_links_only_to_existing_pages(tmp_path: Path) -> None:
    page = f"item/{page_name(str(item_node(ITEM)))}"
    without = findings_page([_finding()], site_link_for(tmp_path))
    assert page not in without
    (tmp_path / "item").mkdir()
    (tmp_path / page).write_text("x", "utf-8")
    assert f'href="{page}"' in findings_page([_finding()], site_link_for(tmp_path))


def test_write_and_hook(tmp_path: Path) -> None:
    target = write_findings_page([_finding()], tmp_path / "site")
    assert target.name == FINDINGS_PAGE and "审查发现" in target.read_text("utf-8")
    assert not list((tmp_path / "site").glob("*.tmp"))
    assert findings_hook([_finding(), _finding("second")])(tmp_path) == 2


def test_empty_page_says_so() -> None:
    assert "未发现问题" in findings_page([], lambda iri: None)


def test_the_audit_package_is_data_only_and_the_site_owns_the_page() -> None:
    """``kg.audit`` never imports the site (DESIGN: the audit does no HTML), the site renders it."""
    import ast

    audit = Path(__file__).resolve().parents[2] / "kg" / "audit"
    imported = {
        (path.name, name)
        for path in audit.rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        for name in (
            [node.module or ""]
            if isinstance(node, ast.ImportFrom)
            else [alias.name for alias in node.names]
            if isinstance(node, ast.Import)
            else []
        )
        if name.startswith("kg.site")
    }
    assert imported == set()
