"""``kg extract --annotate``: colour only on a terminal without NO_COLOR; HTML links with readable titles."""

from __future__ import annotations

from pathlib import Path

import lxml.html
from typer.testing import CliRunner

from kg.cli import app

TEXT = "依据《中华人民共和国社会保险法》第八条第一款第（二）项"


def _annotate(*args: str, **env: str) -> str:
    result = CliRunner(env=env).invoke(app, ["extract", "--annotate", *args, TEXT])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_pipes_and_files_get_plain_marks(tmp_path: Path) -> None:
    assert _annotate().strip() == "依据⟦《中华人民共和国社会保险法》⟧⟦第八条第一款第（二）项⟧"
    out = tmp_path / "marked.txt"
    _annotate("-o", str(out), FORCE_COLOR="1")
    assert "\x1b[" not in out.read_text(encoding="utf-8") and "⟦" in out.read_text(encoding="utf-8")


def test_colour_on_a_terminal_unless_no_color() -> None:
    assert "\x1b[" in _annotate(FORCE_COLOR="1")
    assert "\x1b[" not in _annotate(FORCE_COLOR="1", NO_COLOR="1")


def test_html_links_have_href_and_readable_titles() -> None:
    doc = lxml.html.fragment_fromstring(_annotate("--html"), create_parent="div")
    links = doc.findall(".//a")
    assert [a.get("title") for a in links] == [
        "中华人民共和国社会保险法",
        "中华人民共和国社会保险法第八条第一款第二项",
    ]
    assert [a.get("href") for a in links] == [
        "https://w3id.org/qzqd-kg/id/instrument/中华人民共和国社会保险法",
        "https://w3id.org/qzqd-kg/id/instrument/中华人民共和国社会保险法/art_8__para_1__item_2",
    ]
    assert doc.text_content().strip() == TEXT
