"""How ``kg audit`` shows its findings in a terminal: grouped blocks that read at 80 columns.

A five-column table on an 80-column terminal broke kind names mid-word, cut messages
with … and took 323 lines for 20 findings. Here each kind is a heading line (severity,
Chinese and English name, how many), and each finding under it an indented block:
the message in full, where it was seen (list title, 序号, line — the file name with
``--files``), and the suggested correction. Wrapped lines stay under their label.

Colour is rich's business: none when the output is not a terminal or ``NO_COLOR`` is set.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kg.audit.places import list_titles, place
from kg.cli.wrap import Paragraph

if TYPE_CHECKING:
    from kg.audit import Finding

__all__ = ["SEVERITY_STYLE", "audit_view"]

SEVERITY_STYLE = {"error": "bold red", "warning": "bold yellow", "info": "cyan"}

DETAIL_INDENT = 4
"""Columns before a finding's detail lines (under its kind's heading)."""


def _labelled(rows: list[tuple[str, Paragraph]]) -> Padding:
    """Label / value lines; a value wraps under itself, not under its label."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="dim")
    grid.add_column(overflow="fold")
    for label, value in rows:
        grid.add_row(label, value)
    return Padding(grid, (0, 0, 0, DETAIL_INDENT), expand=False)


def _finding_block(finding: Finding, titles: dict[str, str], show_files: bool) -> RenderableType:
    places = list(
        dict.fromkeys(place(loc, titles, show_file=show_files) for loc in finding.evidence.locations)
    )
    rows: list[tuple[str, Paragraph]] = [("说明", Paragraph(finding.message))]
    rows.append(("位置", Paragraph("\n".join(places) or "—")))
    if finding.suggestion:
        rows.append(("建议", Paragraph(finding.suggestion, style="green")))
    return Group(Text(""), _labelled(rows))


def audit_view(findings: list[Finding], *, show_files: bool = False) -> Group:
    """The findings of ``kg audit`` as rich renderables, one block per kind.

    Args:
        findings: in the audit's order (errors first, then by kind).
        show_files: name the source file beside list title, 序号 and line.
    """
    from kg.audit.kinds import kind_labels

    labels = kind_labels()
    titles = list_titles(findings)
    by_severity = Counter(f.severity for f in findings)
    summary = " · ".join(f"{by_severity[s]} {s}" for s in SEVERITY_STYLE if by_severity[s])
    parts: list[RenderableType] = [
        Text(
            f"审查发现 audit findings：{len(findings)}" + (f"（{summary}）" if summary else ""), style="bold"
        )
    ]
    if not findings:
        parts.append(Text("未发现问题 / nothing found", style="green"))
    ordered = sorted(findings, key=lambda f: f.sort_key())
    for (severity, kind), group in groupby(ordered, key=lambda f: (f.severity, f.kind)):
        members = list(group)
        heading = Text("\n")
        heading.append(severity, style=SEVERITY_STYLE.get(severity, ""))
        heading.append(f"  {labels.get(kind, kind)}", style="bold")
        heading.append(f"  {kind} ×{len(members)}", style="dim")
        parts.append(heading)
        parts.extend(_finding_block(f, titles, show_files) for f in members)
    return Group(*parts)
