"""Where each node's page lives, relative to the site root.

Examples:
    >>> from kg.site.data import SiteData, Agency
    >>> data = SiteData(agencies={"https://x/agency/a": Agency("https://x/agency/a", "甲")})
    >>> Linker(data).url("https://x/agency/a")
    'agency/a-8c5958d435.html'
"""

from __future__ import annotations

from functools import cache

from kg.site.data import SiteData
from kg.site.markup import Markup, h
from kg.site.slugs import page_name

__all__ = ["KIND_DIRS", "Linker"]

KIND_DIRS: dict[str, str] = {
    "instrument": "instrument",
    "provision": "provision",
    "agency": "agency",
    "item": "item",
}
"""Node kind → folder of its pages (every page sits one folder below the root)."""


class Linker:
    """Map IRIs to page paths and build links to them."""

    def __init__(self, data: SiteData) -> None:
        self.data = data

    def kind(self, iri: str) -> str | None:
        """instrument / provision / agency / item, or None for an unknown IRI."""
        data = self.data
        for kind, table in (
            ("item", data.items),
            ("provision", data.provisions),
            ("instrument", data.instruments),
            ("agency", data.agencies),
        ):
            if iri in table:
                return kind
        return None

    def url(self, iri: str) -> str | None:
        """The page of ``iri`` relative to the site root, or None when it has none."""
        kind = self.kind(iri)
        return _path(KIND_DIRS[kind], iri) if kind else None

    def link(self, iri: str, text: str, *, depth: int = 1) -> Markup:
        """An ``<a>`` to the page of ``iri`` (plain text when it has none)."""
        url = self.url(iri)
        if url is None:
            return h("span", None, text)
        return h("a", {"href": "../" * depth + url}, text)


@cache
def _path(folder: str, iri: str) -> str:
    return f"{folder}/{page_name(iri)}"
