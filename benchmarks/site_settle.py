"""How long the site takes to build, and its drawings to settle, as graphs grow.

Builds synthetic lists (N power items over 20 agencies, each resting on
社会保险法 第五十八条 and on one of 90 other articles), writes the site, opens the
第五十八条 page in headless Chromium and prints: nodes drawn (after aggregation),
milliseconds until vis-network's stabilisation ended, and build seconds.

    python benchmarks/site_settle.py [N ...]     # default: 50 400 2000
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from extractors.models import Citation, Instrument, Provision
from kg.graph.build import list_quads
from kg.iri import instrument_iri, provision_iri
from kg.model import CellCitations, ExtractedItem, PowerItem, PowerList
from kg.site import build_site
from kg.site.slugs import page_name
from kg.store.oxigraph import OxigraphStore

AGENCIES = 20
OTHER_ARTICLES = 90
LAW = "中华人民共和国社会保险法"


def synthetic_store(n_items: int) -> OxigraphStore:
    """One list per agency; every item cites 第五十八条 and one other article."""
    store = OxigraphStore(None)
    law = Instrument(title=LAW, raw_title="社会保险法", kind="法律")
    for a in range(AGENCIES):
        title = f"第{a}市医保局权责清单"
        agency = f"第{a}市医疗保障局"
        items = []
        for i in range(a, n_items, AGENCIES):
            other = 1 + i % OTHER_ARTICLES + (1 if i % OTHER_ARTICLES >= 57 else 0)
            text = f"《社会保险法》第五十八条、第{other}条"
            item = PowerItem(
                title,
                "synthetic.txt",
                i + 3,
                str(i + 1),
                f"事项{i + 1}",
                type="行政处罚",
                agency=agency,
                agency_raw=agency,
                basis=text,
            )
            cite = Citation("cites", (0, len(text)), law, (Provision(article=58), Provision(article=other)))
            items.append(ExtractedItem(item, (CellCitations("basis", text, (cite,)),)))
        quads = list(list_quads(PowerList(title, "synthetic.txt", agency=agency), items))
        store.replace_graph(quads[0][3], quads)
    return store


def measure(n_items: int, browser: object, root: Path) -> tuple[int, int, float]:
    store = synthetic_store(n_items)
    started = time.perf_counter()
    build_site(store, root / f"site{n_items}", progress=False)
    seconds = time.perf_counter() - started
    article = provision_iri(instrument_iri(LAW), (("art", 58),))
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto((root / f"site{n_items}" / "provision" / page_name(str(article))).as_uri())
    page.wait_for_selector(".kg-graph.settled", state="attached", timeout=60_000)
    settled = int(page.get_attribute(".kg-graph", "data-settled-ms"))
    nodes = page.evaluate("() => window.kgNetwork.nodes.length")
    page.close()
    return nodes, settled, seconds


def main(sizes: list[int]) -> None:
    from playwright.sync_api import sync_playwright

    args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
    with sync_playwright() as pw, tempfile.TemporaryDirectory() as tmp:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        print(f"{'items':>6} {'nodes drawn':>12} {'settle ms':>10} {'build s':>8}")
        for n in sizes:
            nodes, settled, seconds = measure(n, browser, Path(tmp))
            print(f"{n:>6} {nodes:>12} {settled:>10} {seconds:>8.2f}")
        browser.close()


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [50, 400, 2000])
