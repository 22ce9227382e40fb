"""Show a site network inside Jupyter, offline.

pyvis's own notebook output links Bootstrap and vis-network from CDNs, which an
intranet machine cannot reach; this writes one self-contained HTML document
(vis-network and the site script inlined) and shows it in a sandboxed iframe.
"""

from __future__ import annotations

import html
from importlib import resources
from typing import Any

from kg.site.graphs import GraphSpec
from kg.site.layout import graph_block
from kg.site.markup import Markup

__all__ = ["show", "standalone_html"]


def _static(name: str) -> str:
    return (resources.files("kg.site") / "static" / name).read_text(encoding="utf-8")


def _inline_script(code: str) -> str:
    # A "</script" inside the library text would end the element early.
    return "<script>" + code.replace("</script", "<\\/script") + "</script>"


def standalone_html(spec: GraphSpec, *, height: int = 520) -> str:
    """One HTML document drawing ``spec``, with every script and style inlined.

    Node links are dropped: the pages they point to are not there in a notebook.
    """
    unlinked = GraphSpec(focus=spec.focus, edges=dict(spec.edges))
    unlinked.nodes = {k: {**v, "url": None} for k, v in spec.nodes.items()}
    block = graph_block(unlinked, "graph")
    style = f".kg-graph{{height:{int(height)}px}}"
    return "".join(
        [
            '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">',
            f"<style>{_static('vis-network.css')}{_static('site.css')}{style}</style>",
            f'</head><body data-root="">{Markup(block)}',
            _inline_script(_static("vis-network.min.js")),
            _inline_script(_static("site.js")),
            "</body></html>",
        ]
    )


def show(spec: GraphSpec, *, height: int = 520) -> Any:
    """An ``IPython.display.HTML`` iframe showing ``spec`` (scripts only, no network access)."""
    from IPython.display import HTML

    doc = html.escape(standalone_html(spec, height=height), quote=True)
    return HTML(
        f'<div class="kg-notebook-graph"><iframe srcdoc="{doc}" sandbox="allow-scripts" '
        f'style="width:100%;height:{int(height) + 60}px;border:0"></iframe></div>'
    )
