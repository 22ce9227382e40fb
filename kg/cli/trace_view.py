"""How ``kg trace`` shows its answer in a terminal: powers grouped by agency, readable at 80 columns.

A table with seven columns folds every cell into a tower of two-character lines on an
ordinary terminal; legal staff read the answer as a list instead: agency, then each
power with its 序号, what it cites, where it is in the file, and the start of the quote.
"""

from __future__ import annotations

from itertools import groupby

from rich.console import Group
from rich.markup import escape
from rich.text import Text

from kg.trace import TracedPower, TraceResult

__all__ = ["QUOTE_CHARS", "trace_view"]

QUOTE_CHARS = 60
"""Characters of the quoted text shown per power (the rest is in ``--json`` and on the pages)."""


def _power_lines(power: TracedPower) -> list[Text]:
    head = Text.from_markup(
        f"  [bold]{escape(power.seq)}[/bold]  {escape(power.name)}"
        f"  [cyan]{escape(power.cited_as or '')}[/cyan]"
        f"  [dim]{escape(power.file)}:{power.line}[/dim]"
    )
    lines = [head]
    if power.quote:
        quote = power.quote if len(power.quote) <= QUOTE_CHARS else power.quote[:QUOTE_CHARS] + "…"
        mark = power.law.mark if power.law is not None else ""
        lines.append(Text(f"      {mark}“{quote}”", style="dim"))
    for finding in power.law.findings if power.law is not None else ():
        lines.append(Text(f"      ✗ {finding.kind}: {finding.suggestion}", style="red"))
    return lines


def trace_view(result: TraceResult) -> Group:
    """The answer of ``kg trace`` as rich text, grouped by agency and list."""
    agencies = {p.agency or "" for p in result.powers}
    parts: list[Text] = [
        Text.from_markup(f"[bold]{escape(result.label)}[/bold]  [dim]{escape(result.iri)}[/dim]"),
        Text(f"{len(result.powers)} 项权力 / powers, {len(agencies)} 个实施主体 / agencies"),
    ]
    if result.article_text and result.law is not None:
        parts.append(Text(f"现行文本 / text in force ({result.law.version}):", style="italic"))
        parts.extend(Text(f"  {line}", style="italic") for line in result.article_text.splitlines())
    if not result.powers:
        parts.append(Text("无事项以此为依据 / no power rests on it", style="yellow"))
    ordered = sorted(result.powers, key=lambda p: (p.agency or "", p.list, p.file, p.line))
    for (agency, title), powers in groupby(ordered, key=lambda p: (p.agency or "", p.list)):
        parts.append(
            Text.from_markup(f"\n[green]{escape(agency or '（未写实施主体）')}[/green] — {escape(title)}")
        )
        for power in powers:
            parts.extend(_power_lines(power))
    return Group(*parts)
