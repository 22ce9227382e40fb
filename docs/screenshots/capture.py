"""Regenerate the README screenshots from the bundled sample lists.

    python docs/screenshots/capture.py

Builds the graph and the site in a temporary folder, opens it offline in
headless Chromium and writes, next to this file: at 1280 px ``index.png`` (社保法第五十八条
typed in the search), ``instrument.png`` (the law's page), ``provision.png``
(第五十八条, with the tooltip of power 4165 shown) and ``agency.png`` (天水市医疗保障局's
network, aggregated); at 390 px, as on a phone, ``phone-index.png`` and
``phone-provision.png``. It refuses to write anything when Chinese text renders as
boxes (no CJK font: ``apt-get install fonts-wqy-microhei``).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from kg.ingest import bundled_samples
from kg.iri import agency_iri, instrument_iri, provision_iri
from kg.scale import build_in_process
from kg.site import build_site
from kg.site.slugs import page_name
from kg.store.oxigraph import OxigraphStore

HERE = Path(__file__).resolve().parent
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LAW = instrument_iri("中华人民共和国社会保险法")
TIANSHUI = agency_iri(credit_code="11620500MB16170967", name="天水市医疗保障局")


def main() -> None:
    from playwright.sync_api import sync_playwright

    from tests.site.test_browser import GLYPHS_JS

    written = []
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        store = OxigraphStore(None)
        build_in_process(bundled_samples(), store)
        site = Path(tmp) / "site"
        build_site(store, site, progress=False)
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        article = provision_iri(LAW, (("art", 58),))
        pages = {
            "instrument": site / "instrument" / page_name(str(LAW)),
            "provision": site / "provision" / page_name(str(article)),
            "agency": site / "agency" / page_name(str(TIANSHUI)),
        }
        for width, prefix in ((1280, ""), (390, "phone-")):
            page = browser.new_page(viewport={"width": width, "height": 860 if width > 400 else 844})
            page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
            page.goto((site / "index.html").as_uri())
            found = page.evaluate(GLYPHS_JS, "权责清单法律依据图谱社会保险法")
            if found["shapes"] != found["chars"]:
                raise SystemExit("Chinese text renders as boxes: install a CJK font (fonts-wqy-microhei)")
            page.fill(".search.big input", "社保法第五十八条")
            page.wait_for_timeout(300)
            written.append(_shot(page, f"{prefix}index.png"))
            for name, path in pages.items():
                if prefix and name != "provision":
                    continue
                page.goto(path.as_uri())
                page.wait_for_selector(".kg-graph.settled", state="attached")
                if name == "provision" and not prefix:
                    _hover_item(page, "4165")
                if name == "provision" and prefix:  # the network and the powers by agency
                    page.evaluate("document.querySelector('.graph-wrap').scrollIntoView()")
                written.append(_shot(page, f"{prefix}{name}.png"))
            page.close()
        browser.close()
    print("wrote", *written)


def _shot(page: object, name: str) -> Path:
    page.screenshot(path=str(HERE / name), full_page=False)  # type: ignore[attr-defined]
    return HERE / name


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
