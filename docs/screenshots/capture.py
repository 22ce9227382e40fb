"""Regenerate the README screenshots from the bundled sample lists.

    python docs/screenshots/capture.py

Builds the graph and the site in a temporary folder, opens it offline in
headless Chromium and writes ``index.png`` (search for 社会保险法),
``instrument.png`` (the law's page) and ``provision.png`` (第五十八条, with the
tooltip of power 4165 shown) next to this file.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from kg.ingest import bundled_samples
from kg.iri import instrument_iri, provision_iri
from kg.pipeline import build
from kg.site import build_site
from kg.site.slugs import page_name
from kg.store.oxigraph import OxigraphStore

HERE = Path(__file__).resolve().parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LAW = instrument_iri("中华人民共和国社会保险法")


def main() -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        store = OxigraphStore(None)
        build(bundled_samples(), store)
        site = Path(tmp) / "site"
        build_site(store, site, progress=False)
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto((site / "index.html").as_uri())
        page.fill(".search.big input", "社会保险法")
        page.wait_for_timeout(300)
        page.screenshot(path=str(HERE / "index.png"))
        page.goto((site / "instrument" / page_name(str(LAW))).as_uri())
        page.wait_for_selector(".kg-graph.settled", state="attached")
        page.screenshot(path=str(HERE / "instrument.png"))
        article = provision_iri(LAW, (("art", 58),))
        page.set_viewport_size({"width": 1280, "height": 1180})
        page.goto((site / "provision" / page_name(str(article))).as_uri())
        page.wait_for_selector(".kg-graph.settled", state="attached")
        _hover_item(page, "4165")
        page.screenshot(path=str(HERE / "provision.png"), full_page=False)
        browser.close()
    print("wrote", *(HERE / n for n in ("index.png", "instrument.png", "provision.png")))


def _hover_item(page: object, seq: str) -> None:
    """Hover one item node so its tooltip shows."""
    spot = page.evaluate(  # type: ignore[attr-defined]
        """seq => {
            const net = window.kgNetwork;
            const node = net.nodes.get().find(n => n.kind === 'item' && n.seq === seq);
            return net.network.canvasToDOM(net.network.getPositions([node.id])[node.id]);
        }""",
        seq,
    )
    box = page.locator(".kg-graph").bounding_box()  # type: ignore[attr-defined]
    page.mouse.move(box["x"] + spot["x"], box["y"] + spot["y"])  # type: ignore[attr-defined]
    page.wait_for_timeout(600)  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
