"""Safe HTML building: every text is escaped unless it is already :class:`Markup`.

Power lists are copied from public web pages and their cells may hold anything,
``<script>`` included. Pages are therefore built only through :func:`h`, which
escapes text children and attribute values, and data for scripts goes through
:func:`json_script`, which cannot be broken out of with ``</script>``.

Examples:
    >>> str(h("a", {"href": "x.html"}, "<b>"))
    '<a href="x.html">&lt;b&gt;</a>'
    >>> str(esc('"'))
    '&quot;'
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = ["Markup", "esc", "h", "join", "json_script", "json_text"]

VOID_TAGS = frozenset({"br", "hr", "img", "input", "link", "meta"})
"""Elements written without a closing tag."""

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
"""Characters that could end a ``<script>`` block or a JS string early (``</script>``, ``<!--``)."""


class Markup(str):
    """A string that is already safe HTML; :func:`esc` passes it through unchanged."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


def esc(value: Any) -> Markup:
    """Escape ``value`` for HTML text or a quoted attribute (``<>&"'`` all escaped)."""
    if isinstance(value, Markup):
        return value
    if value is None:
        return Markup("")
    return Markup(html.escape(str(value), quote=True))


def join(parts: Iterable[Any], sep: str = "") -> Markup:
    """Escape and concatenate ``parts`` (nested iterables are flattened)."""
    return Markup(esc(sep).join(_flatten(parts)))


def _flatten(parts: Any) -> list[Markup]:
    if parts is None or parts is False:
        return []
    if isinstance(parts, str | int | float):
        return [esc(parts)]
    out: list[Markup] = []
    for part in parts:
        out.extend(_flatten(part))
    return out


def h(tag: str, attrs: Mapping[str, Any] | None = None, *children: Any) -> Markup:
    """Build one element; attribute values and text children are escaped.

    An attribute whose value is None or False is left out; True writes it bare.
    """
    parts = [tag]
    for name, value in (attrs or {}).items():
        if value is None or value is False:
            continue
        if value is True:
            parts.append(name)
        else:
            parts.append(f'{name}="{esc(value)}"')
    opening = f"<{' '.join(parts)}>"
    if tag in VOID_TAGS:
        return Markup(opening)
    return Markup(f"{opening}{join(children)}</{tag}>")


def json_text(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element and as a JS expression."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    for char, repl in _JSON_ESCAPES.items():
        text = text.replace(char, repl)
    return text


def json_script(element_id: str, data: Any) -> Markup:
    """A ``<script type="application/json">`` block the page reads with ``JSON.parse``."""
    return Markup(f'<script type="application/json" id="{esc(element_id)}">{json_text(data)}</script>')
