"""How ``kg trace`` shows its answer in a terminal: grouped blocks that read at 80 columns.

A table with seven columns folds every cell into a tower of two-character lines on an
ordinary terminal; legal staff read the answer as a list instead: the agency as a
heading, then each power once (序号 and name), and under it, indented, every citation
by which it rests on the node — what it cites, where the row is (list title, 序号,
line) and the quoted text, wrapped, never cut. Indented lines stay indented when they
wrap (:class:`rich.padding.Padding`), so a long name never pushes the detail to the
left margin.

Colour is rich's business: none when the output is not a terminal or ``NO_COLOR`` is set.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kg.cli.wrap import Paragraph
from kg.trace import TracedCitation, TracedPower, TraceResult

__all__ = ["DETAIL_INDENT", "POWER_INDENT", "trace_view"]

POWER_INDENT = 2
"""Columns before a power's 序号 (under its agency heading)."""

DETAIL_INDENT = 6
"""Columns before a citation's detail (under its power)."""


def _indented(text: RenderableType, indent: int) -> Padding:
    return Padding(text, (0, 0, 0, indent), expand=False)


def _hanging(label: Text, text: Paragraph, indent: int) -> Padding:
    """``label  text`` where ``text`` wraps under itself, not under ``label``."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True)
    grid.add_column()
    grid.add_row(label, text)
    return _indented(grid, indent)


def _citation_lines(
    citation: TracedCitation, show_files: bool, power: TracedPower, shown: str | None
) -> list[RenderableType]:
    where = f"{power.list} 序号{power.seq} 第{citation.line}行"
    if show_files:
        where += f"（{power.file}）"
    cited = citation.cited_as or "（整部文件 whole instrument）"
    lines: list[RenderableType] = [_indented(Paragraph(f"{cited}  {where}", style="cyan"), DETAIL_INDENT)]
    if citation.quote:
        if citation.quote_matches is False:
            lines.append(
                _indented(
                    Text("⚠ 引文与条文不符 the quote is not the article's text", "bold yellow"),
                    DETAIL_INDENT + 2,
                )
            )
        mark = f"{citation.mark} " if citation.mark else ""
        lines.append(_indented(Paragraph(f"{mark}引文“{citation.quote}”", style="dim"), DETAIL_INDENT + 2))
    if citation.article_text and citation.article_text != shown:  # the heading shows the traced one
        lines.append(_indented(Paragraph(f"条文“{citation.article_text}”"), DETAIL_INDENT + 2))
    for finding in citation.findings:
        lines.append(_indented(Paragraph(f"审查 finding: {finding}", style="yellow"), DETAIL_INDENT + 2))
    return lines


def _power_lines(power: TracedPower, show_files: bool, shown: str | None) -> list[RenderableType]:
    lines: list[RenderableType] = [
        _hanging(Text(power.seq, style="bold"), Paragraph(power.name), POWER_INDENT)
    ]
    for citation in power.citations:
        lines.extend(_citation_lines(citation, show_files, power, shown))
    return lines


def trace_view(result: TraceResult, *, show_files: bool = False) -> Group:
    """The answer of ``kg trace`` as rich renderables, grouped by agency and list.

    Args:
        result: the trace.
        show_files: name the source file beside list title, 序号 and line.
    """
    counts = result.counts
    parts: list[RenderableType] = [
        Paragraph(result.label, style="bold"),
        Text(result.iri, style="dim"),
        Text(
            f"{counts.powers} 项权力 · {counts.agencies} 个实施主体 · {counts.provisions} 个条款 · "
            f"{counts.citations} 处引用"
        ),
    ]
    if result.article_text and result.law is not None:
        parts.append(Text(f"现行文本 / text in force ({result.law.version}):", style="italic"))
        parts.extend(
            _indented(Paragraph(line, style="italic"), 2) for line in result.article_text.splitlines()
        )
    if not result.powers:
        parts.append(Text("无事项以此为依据 / no power rests on it", style="yellow"))
    if not result.complete:
        parts.append(_more(result))
    ordered = sorted(result.powers, key=lambda p: (p.agency or "", p.list, p.line, p.seq))
    for (agency, title), powers in groupby(ordered, key=lambda p: (p.agency or "", p.list)):
        heading = Text("\n")
        heading.append(agency or "（未写实施主体 no agency given）", style="bold green")
        heading.append(f" — {title}")
        parts.append(heading)
        for power in powers:
            parts.extend(_power_lines(power, show_files, result.article_text))
    if not result.complete:
        parts.append(Text("\n").append(_more(result)))
    return Group(*parts)


def _more(result: TraceResult) -> Text:
    """The line that says the answer shows one page: how many of how many, and how to see all."""
    return Text(
        f"显示前 {len(result.powers)} 项，共 {result.counts.powers} 项 / showing {len(result.powers)} of "
        f"{result.counts.powers} powers: --all shows every one, --json prints them for programs",
        style="yellow",
    )
