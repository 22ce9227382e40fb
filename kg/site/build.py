"""Write the whole site into a folder, all or nothing.

The site is built in a temporary folder beside ``out_dir`` and swapped in at the
end, so a failed build leaves the previous site untouched and never half a site.
A folder that holds something else than a site built here is never replaced.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from rich.progress import Progress

from kg.laws.cite import LibraryLike, installed_library
from kg.site.data import QueryRunner, SiteData, load_site_data
from kg.site.home import index_page, overview_page, search_index, search_index_js
from kg.site.lawtext import SiteLaw, ground_site_data
from kg.site.layout import STATIC_FILES
from kg.site.links import Linker
from kg.site.pages import agency_page, instrument_page, item_page, provision_page
from kg.site.search import reference_keys

if TYPE_CHECKING:
    from kg.store.base import Store

__all__ = ["MARKER", "FindingsHook", "SiteError", "SiteReport", "build_site", "write_site"]

MARKER = ".kg-site"
"""File that marks a folder as a site built here (and so safe to replace)."""

FINDINGS_PAGE = "findings.html"
"""Where an audit hook writes its findings page, relative to the site root."""

FindingsHook = Callable[[Path], int | None]
"""Called with the site folder being built; writes ``findings.html`` there and
returns the number of findings (or None). The index links the page when it exists."""


class SiteError(ValueError):
    """The site cannot be written where asked; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class SiteReport:
    """What a build wrote."""

    out_dir: Path
    index: Path
    pages: int
    counts: dict[str, int] = field(default_factory=dict)


def build_site(
    store: Store,
    out_dir: Path | str,
    *,
    findings_hook: FindingsHook | None = None,
    run_query: QueryRunner | None = None,
    progress: bool = True,
    library: LibraryLike | None = None,
) -> SiteReport:
    """Build the browsable site for everything in ``store``.

    Args:
        store: the graph.
        out_dir: the folder to write (created, or replaced if it holds an older site).
        findings_hook: optional audit step that writes ``findings.html`` (see :data:`FindingsHook`).
        run_query: query runner (default :func:`kg.queries.run_query`).
        progress: show a progress bar.
        library: the law library whose texts the provision pages show (the shipped one when None).

    Returns:
        Where the index is and how many pages were written.

    Raises:
        SiteError: when ``out_dir`` is a file or a folder with other content.
    """
    data = load_site_data(store, run_query)
    law = ground_site_data(data, library if library is not None else installed_library())
    return write_site(data, out_dir, findings_hook=findings_hook, progress=progress, law=law)


def write_site(
    data: SiteData,
    out_dir: Path | str,
    *,
    findings_hook: FindingsHook | None = None,
    progress: bool = True,
    law: SiteLaw | None = None,
) -> SiteReport:
    """Write the pages for ``data`` into ``out_dir`` (see :func:`build_site`)."""
    out = Path(out_dir)
    _check_target(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".building", dir=out.parent))
    try:
        pages = _write_all(data, temp, findings_hook, progress, law)
        _swap(temp, out)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    counts = {
        "instruments": len(data.instruments),
        "provisions": len(data.provisions),
        "agencies": len(data.agencies),
        "items": len(data.items),
        "citations": len(data.citations),
    }
    return SiteReport(out_dir=out, index=out / "index.html", pages=pages, counts=counts)


def _check_target(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise SiteError(f"{out} is a file; give a folder for the site")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise SiteError(
            f"{out} already holds files that are not a site built by kg; "
            "choose an empty or new folder so nothing of yours is overwritten"
        )


def _swap(temp: Path, out: Path) -> None:
    """Put the new site in place; the old one is removed only once the new one is there."""
    old = None
    if out.exists():
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        out.rename(old)
    temp.rename(out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def _jobs(data: SiteData, links: Linker, law: SiteLaw | None) -> Iterator[tuple[str, Callable[[], str]]]:
    """(path, page builder) for every entity page."""
    builders = (
        (data.instruments, instrument_page),
        ([p for p in data.provisions if data.items_on(p)], partial(provision_page, law=law)),
        (data.agencies, agency_page),
        (data.items, item_page),
    )
    for iris, builder in builders:
        for iri in sorted(iris):
            url = links.url(iri)
            if url is not None:
                yield url, (lambda b=builder, i=iri: b(data, links, i))


def _write_all(
    data: SiteData, root: Path, findings_hook: FindingsHook | None, show: bool, law: SiteLaw | None = None
) -> int:
    links = Linker(data)
    static = root / "static"
    static.mkdir()
    package = resources.files("kg.site") / "static"
    for name in STATIC_FILES:
        (static / name).write_bytes((package / name).read_bytes())
    (root / MARKER).write_text("built by kg site\n", encoding="utf-8")
    for folder in ("instrument", "provision", "agency", "item"):
        (root / folder).mkdir()
    jobs = list(_jobs(data, links, law))
    with Progress(disable=not show, transient=True) as bar:
        task = bar.add_task("写入页面 writing pages", total=len(jobs) + 3)
        for url, build in jobs:
            (root / url).write_text(build(), encoding="utf-8")
            bar.advance(task)
        keys = {
            key: [url for url in (links.url(iri) for iri in iris) if url]
            for key, iris in reference_keys(data).items()
        }
        (root / "search-index.js").write_text(
            search_index_js(search_index(data, links), keys), encoding="utf-8"
        )
        (root / "overview.html").write_text(overview_page(data, links), encoding="utf-8")
        bar.advance(task, 2)
        count = findings_hook(root) if findings_hook else None
        findings = (FINDINGS_PAGE, count) if (root / FINDINGS_PAGE).exists() else None
        (root / "index.html").write_text(index_page(data, links, findings=findings), encoding="utf-8")
        bar.advance(task)
    return len(jobs) + 2
