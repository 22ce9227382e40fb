"""Just enough SPARQL lexing to talk safely to a remote endpoint and to serve queries.

A remote endpoint cannot take ``initBindings``: the only way to give it a value
is inside the query text. This module does that without ever formatting user
text into SPARQL: each bound value is an rdflib term, validated and written as
an escaped N-Triples term, and all of them go into one ``VALUES`` block placed at
the start of the query's outer ``WHERE`` group, where it joins with every pattern
(so ``FILTER``, ``BIND`` and aggregates see the bound value).

The same lexer tells a query (SELECT/ASK/CONSTRUCT/DESCRIBE) from an update, so a
read-only server refuses ``INSERT`` even when a client sends it as ``query=``
(Virtuoso would run it), and lists the projected variables of a SELECT so an
empty result still has its header.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping, Sequence
from typing import Literal as TypingLiteral
from typing import NamedTuple

import regex
from rdflib.term import BNode, Identifier, Literal, URIRef

__all__ = [
    "QueryForm",
    "SparqlSyntaxError",
    "Token",
    "bind_values",
    "ntriples_line",
    "ntriples_term",
    "projection",
    "query_form",
    "select_page",
    "term_to_sparql",
    "tokens",
]

QueryForm = TypingLiteral["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "UPDATE"]


class SparqlSyntaxError(ValueError):
    """The text is not a SPARQL query this module can bind or classify."""


# An IRI as SPARQL 1.1 and N-Triples allow it unescaped; e.g. <http://example.org/法/art_58>.
# Anything else (spaces, quotes, braces, backslashes, control characters) is refused.
IRI_CHARS = regex.compile(r'[^<>"{}|^`\\\x00-\x20]*')
# A language tag, e.g. "zh", "zh-Hans-CN" (BCP 47 shape as the SPARQL grammar's LANGTAG).
LANGTAG = regex.compile(r"[a-zA-Z]+(?:-[a-zA-Z0-9]+)*")
# A variable name, e.g. ?provision, ?机关 (SPARQL VARNAME: letters, digits, underscore).
VARNAME = regex.compile(r"[\p{L}\p{N}_][\p{L}\p{N}_\u00B7\u0300-\u036F\u203F-\u2040]*")

# Tokens, in priority order; only braces, parentheses, variables and bare words matter
# to the callers, the rest (strings, IRIs, comments) is skipped as a unit so that a
# "{" or "WHERE" inside a string or a comment is never mistaken for syntax.
TOKEN = regex.compile(
    r"""
    (?P<string>"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"     # \"\"\"long string\"\"\"
              |'''(?:[^'\\]|\\.|'(?!''))*'''           # '''long string'''
              |"(?:[^"\\\n\r]|\\.)*"                   # "string"
              |'(?:[^'\\\n\r]|\\.)*')                  # 'string'
    |(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)                # <http://example.org/x>
    |(?P<comment>\#[^\n\r]*)                           # # a comment
    |(?P<var>[?$][\p{L}\p{N}_]+)                       # ?item  $item
    |(?P<open>[{(\[])
    |(?P<close>[})\]])
    |(?P<word>[\p{L}\p{N}_:\-.%]+)                     # SELECT  kg:restsOn  1.5
    |(?P<space>\s+)
    |(?P<other>.)                                      # operators, punctuation
    """,
    regex.VERBOSE | regex.DOTALL,
)

UPDATE_KEYWORDS = frozenset(
    {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
)
QUERY_KEYWORDS = frozenset({"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"})
SOLUTION_MODIFIERS = frozenset({"DISTINCT", "REDUCED"})


class Token(NamedTuple):
    """One lexical unit of a query: its kind, text and offset, and its nesting depth."""

    kind: str
    text: str
    start: int
    depth: int


def tokens(sparql: str) -> Iterator[Token]:
    """Yield the significant tokens of ``sparql`` (no spaces, no comments) with depth.

    Strings, IRIs and comments are single tokens, so a bracket inside one is not
    syntax; ``depth`` is the number of brackets open before the token (a closing
    bracket has the depth of what it closes).
    """
    depth = 0
    for match in TOKEN.finditer(sparql):
        kind = match.lastgroup or "other"
        if kind in ("space", "comment"):
            continue
        if kind == "close":
            depth -= 1
        yield Token(kind, match.group(), match.start(), depth)
        if kind == "open":
            depth += 1


def _body_tokens(sparql: str) -> Iterator[Token]:
    """Yield the tokens after the prologue (``BASE <…>`` and ``PREFIX p: <…>``)."""
    stream = tokens(sparql)
    for token in stream:
        keyword = token.text.upper() if token.kind == "word" else ""
        if keyword == "BASE":
            next(stream, None)
        elif keyword == "PREFIX":
            next(stream, None)
            next(stream, None)
        else:
            yield token
            yield from stream
            return


def query_form(sparql: str) -> QueryForm:
    """Say whether ``sparql`` is a SELECT, ASK, CONSTRUCT, DESCRIBE or an update.

    Raises:
        SparqlSyntaxError: when the first keyword after the prologue is neither.

    Examples:
        >>> query_form("PREFIX kg: <http://e.org/> SELECT * WHERE { ?s ?p ?o }")
        'SELECT'
        >>> query_form("# insert\\nINSERT DATA { <a:b> <a:c> 'x' }")
        'UPDATE'
    """
    first = next(_body_tokens(sparql), None)
    keyword = first.text.upper() if first is not None and first.kind == "word" else ""
    if keyword in QUERY_KEYWORDS:
        return keyword  # type: ignore[return-value]
    if keyword in UPDATE_KEYWORDS:
        return "UPDATE"
    found = first.text[:30] if first is not None else "nothing"
    raise SparqlSyntaxError(
        f"expected a SPARQL query starting with SELECT, ASK, CONSTRUCT or DESCRIBE, found {found!r}"
    )


def projection(sparql: str) -> list[str] | None:
    """The variables a SELECT projects, in order; None for ``SELECT *`` or a non-SELECT.

    Examples:
        >>> projection("SELECT DISTINCT ?a (COUNT(?b) AS ?n) WHERE { ?a ?p ?b } GROUP BY ?a")
        ['a', 'n']
        >>> projection("SELECT * { ?s ?p ?o }") is None
        True
    """
    tokens = _body_tokens(sparql)
    first = next(tokens, None)
    if first is None or first.text.upper() != "SELECT":
        return None
    names: list[str] = []
    previous = ""
    for token in tokens:
        if token.depth == 0 and (token.text == "{" or token.text.upper() in ("WHERE", "FROM")):
            break
        if token.text == "*" and token.depth == 0:
            return None
        if token.kind == "var" and (token.depth == 0 or previous == "AS"):
            names.append(token.text[1:])
        previous = token.text.upper()
    return names


def _where_brace(sparql: str) -> int:
    """Offset just after the ``{`` that opens the outer WHERE group of a query."""
    tokens = _body_tokens(sparql)
    first = next(tokens, None)
    form = first.text.upper() if first is not None else ""
    if form not in QUERY_KEYWORDS:
        raise SparqlSyntaxError("bindings need a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    seen_where = form != "CONSTRUCT"  # CONSTRUCT's first group is its template
    for token in tokens:
        if token.depth != 0:
            continue
        if token.kind == "word" and token.text.upper() == "WHERE":
            seen_where = True
        elif token.text == "{" and seen_where:
            return token.start + 1
        elif token.text == "{":
            seen_where = False  # skip the CONSTRUCT template; WHERE follows it
    raise SparqlSyntaxError("the query has no WHERE group to bind values in")


def term_to_sparql(term: Identifier) -> str:
    """Write an rdflib IRI or literal as an escaped N-Triples term (also valid SPARQL).

    Raises:
        SparqlSyntaxError: for blank nodes (SPARQL cannot bind them) and for IRIs,
            language tags or datatypes that would not survive as one term.

    Examples:
        >>> term_to_sparql(Literal('他说"好"\\n', lang="zh"))
        '"他说\\\\"好\\\\"\\\\n"@zh'
        >>> term_to_sparql(URIRef("http://e.org/a> } DROP ALL #"))
        Traceback (most recent call last):
        ...
        kg.store.sparql_syntax.SparqlSyntaxError: not a bindable IRI: 'http://e.org/a> } DROP ALL #'
    """
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        text = '"' + _escape_string(str(term)) + '"'
        if term.language:
            if not LANGTAG.fullmatch(term.language):
                raise SparqlSyntaxError(f"not a language tag: {term.language!r}")
            return f"{text}@{term.language}"
        if term.datatype is not None:
            return f"{text}^^{_iri(str(term.datatype))}"
        return text
    if isinstance(term, BNode):
        raise SparqlSyntaxError("a blank node cannot be bound in a query sent to an endpoint")
    raise SparqlSyntaxError(f"cannot bind a {type(term).__name__}: {term!r}")


def _iri(text: str) -> str:
    """``<text>`` after checking that it holds no character that could end the IRI."""
    if not IRI_CHARS.fullmatch(text):
        raise SparqlSyntaxError(f"not a bindable IRI: {text!r}")
    return f"<{text}>"


# Characters escaped in strings: the two that end or escape them, line breaks, and
# the remaining control characters (as \UXXXXXXXX so nothing invisible reaches the server).
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
# A backslash before "u" is special: SPARQL 1.1 lets servers expand \uXXXX anywhere in
# the query text before parsing (rdflib does), so the text \u0022 would come back as a
# quote. Writing the "u" itself as \U00000075 gives the same value with and without that
# step. Always eight digits: some expanders (rdflib) take eight when eight hex digits follow.
_ESCAPED_U = {"\\u": "\\\\\\U00000075", "\\U": "\\\\\\U00000055"}
_NEEDS_ESCAPE = regex.compile(r'\\[uU]|[\\"\x00-\x1f\x7f]')


def _escape_string(text: str) -> str:
    def escape(match: regex.Match[str]) -> str:
        found = match[0]
        if found in _ESCAPED_U:
            return _ESCAPED_U[found]
        return _ESCAPES.get(found, f"\\U{ord(found):08X}")

    return _NEEDS_ESCAPE.sub(escape, text)


def ntriples_line(subject: Identifier, predicate: Identifier, obj: Identifier) -> str:
    """One N-Triples line; blank nodes keep their label (``_:b1``) within one document."""
    return f"{ntriples_term(subject)} {ntriples_term(predicate)} {ntriples_term(obj)} .\n"


@functools.lru_cache(maxsize=1 << 18)
def ntriples_term(term: Identifier) -> str:
    """One term as N-Triples writes it: :func:`term_to_sparql`'s checked form, blank nodes labelled.

    The one writer of N-Triples terms (the build's workers write every list with it);
    cached, because a list repeats its IRIs and literals thousands of times.
    """
    if isinstance(term, BNode):
        label = regex.sub(r"[^A-Za-z0-9_]", "_", str(term))
        return f"_:b{label}"
    return term_to_sparql(term)


def bind_values(sparql: str, bindings: Mapping[str, Identifier] | None) -> str:
    """Return ``sparql`` with ``bindings`` as a ``VALUES`` block opening its WHERE group.

    The values are escaped terms (see :func:`term_to_sparql`); the variable names
    are checked against the SPARQL grammar, so neither can change the query's shape.

    Raises:
        SparqlSyntaxError: for a bad variable name, an unbindable term, or a query
            without a WHERE group.

    Examples:
        >>> bind_values("SELECT ?n WHERE { ?x <http://e.org/name> ?n }",
        ...             {"x": URIRef("http://e.org/a")})
        'SELECT ?n WHERE { VALUES (?x) { (<http://e.org/a>) } ?x <http://e.org/name> ?n }'
    """
    if not bindings:
        return sparql
    names, terms = [], []
    for name, term in sorted(bindings.items()):
        bare = name.lstrip("?$")
        if not VARNAME.fullmatch(bare):
            raise SparqlSyntaxError(f"not a SPARQL variable name: {name!r}")
        names.append(f"?{bare}")
        terms.append(term_to_sparql(term))
    where = _where_brace(sparql)
    block = f" VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"
    return sparql[:where] + block + sparql[where:]


# Solution modifiers that follow ORDER BY at the top level of a query (VALUES here is the
# trailing values clause: inside the WHERE group it is nested, never at depth 0).
AFTER_ORDER = frozenset({"LIMIT", "OFFSET", "VALUES"})
MAX_SORT_KEYS = 20
"""Keys one ORDER BY may have on Virtuoso (more fail with SQ186 "Over 20 keys in group by")."""


def select_page(sparql: str, order: Sequence[str], limit: int, offset: int) -> str:
    """One page of a SELECT's solutions, in an order that is the same on every request.

    For a server that cuts results at a row limit (Virtuoso's ``ResultSetMaxRows``):
    the caller asks page after page. Virtuoso refuses ``ORDER BY`` with ``OFFSET +
    LIMIT`` past its ``MaxSortedTopRows`` (error SR353, 10,000 by default) but takes
    the order inside a sub-select and the slice outside it, so the page is
    ``SELECT * WHERE { { ordered } } LIMIT limit OFFSET offset``. ``ordered`` is the
    query with the ``order`` variables it does not sort on yet added to its own
    ``ORDER BY`` as tie-breaks (rows that tie could otherwise land on either side of a
    page boundary), or, when it has none, the query sorted by them; at most
    :data:`MAX_SORT_KEYS` keys in all. The prologue stays in front.

    Args:
        sparql: a SELECT query, values already bound.
        order: every variable it projects (without ``?``), so the order is total.
        limit: rows per page.
        offset: rows before this page.

    Raises:
        SparqlSyntaxError: for a query that is not a SELECT, has a dataset clause
            (``FROM``: a sub-select cannot hold one), or a bad variable name.

    Examples:
        >>> print(select_page("PREFIX e: <http://e.org/> SELECT ?s WHERE { ?s e:p ?o }", ["s"], 100, 200))
        PREFIX e: <http://e.org/> SELECT * WHERE { {
        SELECT * WHERE { {
        SELECT ?s WHERE { ?s e:p ?o }
        } } ORDER BY ?s
        } } LIMIT 100 OFFSET 200
        >>> print(select_page("SELECT ?s ?n WHERE { ?s ?p ?n } ORDER BY DESC(?n) ?s LIMIT 5", ["s", "n"], 2, 0))
        SELECT * WHERE { {
        SELECT ?s ?n WHERE { ?s ?p ?n } ORDER BY DESC(?n) ?s
        ?n
        LIMIT 5
        } } LIMIT 2 OFFSET 0
    """
    for name in order:
        if not VARNAME.fullmatch(name):
            raise SparqlSyntaxError(f"not a SPARQL variable name: {name!r}")
    tokens = list(_body_tokens(sparql))
    if not tokens or tokens[0].kind != "word" or tokens[0].text.upper() != "SELECT":
        raise SparqlSyntaxError("only a SELECT query can be read page by page")
    start = tokens[0].start
    clause = _order_clause(tokens)
    if clause is None:
        keys = " ".join(f"?{name}" for name in order[:MAX_SORT_KEYS])
        ordered = f"SELECT * WHERE {{ {{\n{sparql[start:]}\n}} }} ORDER BY {keys}" if keys else sparql[start:]
    else:
        end, sorted_on, count = clause
        cut = len(sparql) if end is None else end
        ties = [f"?{name}" for name in order if name not in sorted_on][: max(0, MAX_SORT_KEYS - count)]
        ordered = f"{sparql[start:cut].rstrip()}\n{' '.join(ties)}\n{sparql[cut:]}"
    return f"{sparql[:start]}SELECT * WHERE {{ {{\n{ordered.rstrip()}\n}} }} LIMIT {limit} OFFSET {offset}"


def _order_clause(tokens: list[Token]) -> tuple[int | None, set[str], int] | None:
    """The top-level ORDER BY: where it ends, the bare variables it sorts on, how many keys.

    None when the query has no ORDER BY. A key is a bare variable, a call
    (``DESC(?n)``, ``STR(?t)``) or a bracketed expression.

    Raises:
        SparqlSyntaxError: for a dataset clause (``FROM``), which a sub-select cannot hold.
    """
    ordering = False
    sorted_on: set[str] = set()
    keys = 0
    after_call = False  # the previous top-level token names a function: its "(" is not a new key
    for token in tokens:
        top = token.depth == 0
        word = token.text.upper() if token.kind == "word" and top else ""
        if word == "FROM":
            raise SparqlSyntaxError("a query with FROM cannot be read page by page (a sub-select has none)")
        if word == "ORDER":
            ordering = True
        elif ordering and word in AFTER_ORDER:
            return token.start, sorted_on, keys
        elif ordering and top:
            if token.kind == "var":
                sorted_on.add(token.text[1:])
            keys += (
                token.kind == "var" or (bool(word) and word != "BY") or (token.text == "(" and not after_call)
            )
            after_call = bool(word) and word != "BY"
    return (None, sorted_on, keys) if ordering else None
