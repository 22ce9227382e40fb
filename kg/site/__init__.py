"""The browsable site: offline HTML pages with vis-network drawings, built from the store.

``build_site(store, out_dir)`` writes ``index.html``, an overview, and one page per
instrument, cited provision, agency and power item. Data comes only from the
canned ``kg/queries/site_*.rq`` queries.
"""

from kg.site.build import SiteReport, build_site

__all__ = ["SiteReport", "build_site"]
