"""The small query page at ``/query``: a text area with the prefixes filled in, results as a table.

Rendered on the server, so it works without JavaScript and without the
internet (its one stylesheet and one script come from this server). Every
piece of text that reaches the page — the query, each cell, each error — goes
through :func:`html.escape`, because cells come from power lists and may hold
anything, ``<script>`` included.
"""

from __future__ import annotations

import html
import urllib.parse
from collections.abc import Iterable

from rdflib.term import BNode, Identifier, Literal, URIRef

from kg.prefixes import PREFIXES, prologue
from kg.serve.answer import Answer

__all__ = ["EXAMPLE_QUERY", "render_page", "short_name"]

EXAMPLE_QUERY = """\
# 依据《社会保险法》的权力事项 / powers resting on 社会保险法 (any article)
SELECT ?item ?name ?provision
WHERE {
  ?item kg:restsOn ?provision ;
        kg:name ?name .
  FILTER(CONTAINS(STR(?provision), "社会保险法"))
}
ORDER BY ?provision ?item
LIMIT 50
"""
"""What the text area shows before the first query: a real question on the samples."""

_PAGE = """\
<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>SPARQL 查询 · kg</title>
<link rel="stylesheet" href="/_kg/query.css">
<script src="/_kg/query.js" defer></script>
</head>
<body>
<header><h1>SPARQL 查询 <small>query the power-list graph</small></h1>
<nav><a href="/">首页 / site</a> · <a href="/sparql">SPARQL endpoint</a></nav></header>
<form method="get" action="/query" id="query-form">
<label for="query">查询 / query (常用前缀已声明 · prefixes are predeclared)</label>
<textarea id="query" name="query" rows="16" spellcheck="false">{query}</textarea>
<p><button type="submit">运行 / Run</button> <span class="hint">Ctrl+Enter</span></p>
</form>
<section id="results">{results}</section>
</body>
</html>
"""


def render_page(query: str | None, answer: Answer | None, error: str | None) -> str:
    """The whole page: the form (holding ``query`` or the example) and the answer or error."""
    shown = query if query else prologue() + "\n" + EXAMPLE_QUERY
    if error is not None:
        results = f'<p class="error" role="alert">{html.escape(error)}</p>'
    elif answer is not None and query:
        results = _answer_html(query, answer)
    else:
        results = ""
    return _PAGE.format(query=html.escape(shown), results=results)


TRIPLE_COLUMNS = ("subject", "predicate", "object")
"""Columns of the table a CONSTRUCT or DESCRIBE answer is shown as."""


def _answer_html(query: str, answer: Answer) -> str:
    if answer.ask is not None:
        return f'<p class="ask">ASK → <strong>{"true" if answer.ask else "false"}</strong></p>'
    if answer.triples is not None:
        rows: list[dict[str, Identifier | None]] = [
            dict(zip(TRIPLE_COLUMNS, t, strict=True)) for t in answer.triples
        ]
        variables, unit, formats = list(TRIPLE_COLUMNS), "三元组 / triples", ("turtle", "nt", "json-ld")
    else:
        rows, variables = list(answer.rows), answer.variables
        unit, formats = "行 / rows", ("csv", "tsv", "json", "xml")
    parts = [f'<p class="count">{len(rows)} {unit}']
    if answer.truncated:
        parts.append(f" (只显示前 {len(rows)} 条 · cut at the server's limit)")
    parts.append(" · 下载 / download: ")
    parts.append(" ".join(_download(query, fmt) for fmt in formats))
    parts.append("</p>")
    head = "".join(f"<th>?{html.escape(name)}</th>" for name in variables)
    body = "".join("<tr>" + "".join(_cell(row.get(name)) for name in variables) + "</tr>" for row in rows)
    parts.append(f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")
    return "".join(parts)


def _download(query: str, fmt: str) -> str:
    href = "/sparql?" + urllib.parse.urlencode({"query": query, "format": fmt})
    return f'<a href="{html.escape(href)}" download>{fmt.upper()}</a>'


def _cell(term: Identifier | None) -> str:
    if term is None:
        return "<td></td>"
    if isinstance(term, URIRef):
        return f'<td class="iri" title="{html.escape(str(term))}">{html.escape(short_name(term))}</td>'
    if isinstance(term, BNode):
        return f'<td class="bnode">_:{html.escape(str(term))}</td>'
    assert isinstance(term, Literal)
    return f"<td>{html.escape(str(term))}</td>"


def short_name(iri: URIRef, prefixes: Iterable[tuple[str, str]] | None = None) -> str:
    """``kg:restsOn`` for a known namespace, else the full IRI (longest namespace wins).

    Examples:
        >>> short_name(URIRef("https://w3id.org/qzqd-kg/ontology#restsOn"))
        'kg:restsOn'
        >>> short_name(URIRef("http://example.org/x"))
        'http://example.org/x'
    """
    text = str(iri)
    best = ""
    best_name = ""
    for name, namespace in prefixes or PREFIXES.items():
        if text.startswith(namespace) and len(namespace) > len(best):
            best, best_name = namespace, name
    return f"{best_name}:{text[len(best) :]}" if best else text
