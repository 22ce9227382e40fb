"""The site in a real, offline, headless Chromium (Debian's ``/usr/bin/chromium``).

Every request that is not a local file is aborted and fails the test, console
errors and uncaught exceptions fail it, and a JavaScript dialog (``alert(1)``
from a hostile cell) fails it. Screenshots go to ``test-artifacts/``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kg.site.build import build_site
from kg.store.oxigraph import OxigraphStore

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
SETTLE_TIMEOUT_MS = 10_000
"""Generous wait for vis-network to stabilise on a loaded CI machine (it settles in < 2 s)."""


@dataclass
class Watch:
    """What a page did that a test must know about."""

    allowed: list[str] = field(default_factory=lambda: ["file:", "data:", "blob:"])
    """URL prefixes that stay on the machine (a test serving over HTTP adds its origin)."""
    foreign: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert not self.foreign, f"requests left the machine: {self.foreign}"
        assert not self.errors, f"console errors: {self.errors}"
        assert not self.dialogs, f"a dialog fired (script ran): {self.dialogs}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, or a skip saying why it cannot run."""
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError as error:  # pragma: no cover - depends on the machine
        print(f"browser tests skipped: playwright missing ({error})")
        pytest.skip(f"playwright missing: {error}")
    if not Path(CHROMIUM).exists():
        print(f"browser tests skipped: {CHROMIUM} not installed")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    with sync_playwright() as pw:
        try:
            chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Error as error:  # pragma: no cover - depends on the machine
            print(f"browser tests skipped: Chromium cannot launch: {error}")
            pytest.skip(f"Chromium cannot launch: {error}")
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """A fresh offline page; every non-file request is aborted and recorded."""
    watch = Watch()
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")

    def route(route: Any) -> None:
        url = route.request.url
        if url.startswith(tuple(watch.allowed)):
            route.continue_()
        else:
            watch.foreign.append(url)
            route.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("console", lambda msg: watch.errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: watch.errors.append(str(exc)))
    page.on("requestfailed", lambda req: None)

    def on_dialog(dialog: Any) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on(
        "request",
        lambda req: None if req.url.startswith(tuple(watch.allowed)) else watch.foreign.append(req.url),
    )
    yield page, watch
    context.close()


def settle(page: Any) -> int:
    """Wait until the network has stabilised; return how long it took (ms)."""
    page.wait_for_selector(".kg-graph.settled", state="attached", timeout=SETTLE_TIMEOUT_MS)
    return int(page.get_attribute(".kg-graph", "data-settled-ms"))


def drawn_items(page: Any) -> set[tuple[str, str]]:
    """(list title, 序号) of every item node in vis-network's DataSet."""
    nodes = page.evaluate(
        "() => window.kgNetwork.nodes.get().map(n => ({kind: n.kind, seq: n.seq, list: n.list}))"
    )
    return {(n["list"], n["seq"]) for n in nodes if n["kind"] == "item"}


def shot(page: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / name))


def search_to_article(page: Any, index: Path | str, article: str) -> None:
    """Index → search 社会保险法 → instrument page → the article's page."""
    page.goto(index.as_uri() if isinstance(index, Path) else index)
    page.fill(".search.big input", "社会保险法")
    first = page.locator(".search-results .hit-instrument a").first
    first.wait_for()
    first.click()
    page.wait_for_load_state()
    assert page.inner_text("h1") == "中华人民共和国社会保险法"
    page.get_by_role("link", name=article, exact=True).first.click()
    page.wait_for_load_state()


# ---------------------------------------------------------------- hand-made graph


@pytest.fixture(scope="module")
def small_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.queries import run_query
    from tests.site.site_graph import clean_list, hostile_list, load

    out = tmp_path_factory.mktemp("small") / "site"
    store = load(OxigraphStore(None), clean_list(), hostile_list())
    build_site(store, out, run_query=run_query, progress=False)
    return out


def test_search_to_article_and_its_powers(page: tuple[Any, Watch], small_site: Path) -> None:
    tab, watch = page
    search_to_article(tab, small_site / "index.html", "第五十八条")
    assert tab.inner_text("h1") == "中华人民共和国社会保险法 第五十八条"
    settle(tab)
    seqs = {seq for _, seq in drawn_items(tab)}
    assert seqs == {"1", "2", "7"}
    watch.assert_clean()


def test_hostile_cells_render_as_text(page: tuple[Any, Watch], small_site: Path) -> None:
    tab, watch = page
    hostile = next(p for p in (small_site / "item").iterdir() if "乙县" in p.read_text("utf-8"))
    tab.goto(hostile.as_uri())
    settle(tab)
    body = tab.inner_text("main")
    assert "<script>alert(1)</script>" in body and "<img src=x onerror=alert(1)>" in body
    assert tab.locator('main img, main script:not([type="application/json"])').count() == 0
    tips = tab.evaluate(
        """() => window.kgNetwork.nodes.get().map(n => ({
            text: n.title.textContent, tags: n.title.querySelectorAll('script,img,b').length}))"""
    )
    assert all(t["tags"] == 0 for t in tips)
    assert any("<script>alert(1)</script>" in t["text"] for t in tips)
    tab.hover(".kg-graph")
    tab.fill("header .search input", "<img src=x onerror=alert(1)>")
    tab.wait_for_timeout(200)
    assert tab.locator("header .search-results img").count() == 0
    watch.assert_clean()


def test_click_on_node_opens_its_page(page: tuple[Any, Watch], small_site: Path) -> None:
    tab, watch = page
    search_to_article(tab, small_site / "index.html", "第五十八条")
    settle(tab)
    tab.locator(".kg-graph").scroll_into_view_if_needed()  # the law's text stands above the network
    target = tab.evaluate(
        """() => {
            const net = window.kgNetwork;
            const node = net.nodes.get().find(n => n.kind === 'agency');
            const pos = net.network.canvasToDOM(net.network.getPositions([node.id])[node.id]);
            return {x: pos.x, y: pos.y, url: node.url};
        }"""
    )
    box = tab.locator(".kg-graph").bounding_box()
    tab.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    tab.wait_for_url(f"**/{target['url']}")
    assert tab.locator("h1").inner_text().endswith(("医疗保障局", "single'"))
    watch.assert_clean()


def test_site_works_over_http(page: tuple[Any, Watch], small_site: Path) -> None:
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            """Keep the test output clean."""

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(small_site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        tab, watch = page
        origin = f"http://127.0.0.1:{server.server_address[1]}/"
        watch.allowed.append(origin)
        search_to_article(tab, origin + "index.html", "第五十八条")
        settle(tab)
        assert {seq for _, seq in drawn_items(tab)} == {"1", "2", "7"}
        watch.assert_clean()
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ---------------------------------------------------------------- the sample lists


@pytest.fixture(scope="module")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the two bundled sample lists, through the whole pipeline."""
    try:
        from extractors import extract  # noqa: F401
    except ImportError as error:
        print(f"sample browser test skipped: extractor not available yet ({error})")
        pytest.skip(f"extractor not available yet: {error}")
    from kg.ingest import bundled_samples
    from kg.scale import build_in_process

    store = OxigraphStore(None)
    build_in_process(bundled_samples(), store)
    out = tmp_path_factory.mktemp("samples") / "site"
    build_site(store, out, progress=False)
    return out


def test_samples_three_clicks_to_article_58(page: tuple[Any, Watch], sample_site: Path) -> None:
    tab, watch = page
    tab.goto((sample_site / "index.html").as_uri())
    assert_chinese_glyphs(tab)
    shot(tab, "index.png")
    search_to_article(tab, sample_site / "index.html", "第五十八条")
    settled_ms = settle(tab)
    print(f"provision graph settled in {settled_ms} ms")
    items = drawn_items(tab)
    expected = {("天水", "4165"), ("天水", "4173"), ("瓜州", "12")}
    found = {(place, seq) for place, seq in expected for lst, s in items if place in lst and s == seq}
    assert found == expected, items
    shot(tab, "provision.png")
    tab.go_back()
    tab.wait_for_load_state()
    settle(tab)
    tab.evaluate("window.scrollTo(0, 0)")
    shot(tab, "instrument.png")
    watch.assert_clean()


@pytest.mark.parametrize(
    ("query", "kind", "label"),
    [
        ("4165", "item", "4165 参保单位参加医疗保障登记及缴费基数核定"),
        ("人社部[2016]120号", "instrument", "人力资源社会保障部财政部关于做好基本医疗保险跨省异地就医"),
        ("社会保险法第五十八条", "provision", "中华人民共和国社会保险法 第五十八条"),
        ("瓜州县医疗保障局", "agency", "瓜州县医疗保障局"),
    ],
    ids=["seq", "doc-number-ascii-brackets", "short-title-article", "agency"],
)
def test_samples_search(
    page: tuple[Any, Watch], sample_site: Path, query: str, kind: str, label: str
) -> None:
    tab, watch = page
    tab.goto((sample_site / "index.html").as_uri())
    tab.fill(".search.big input", query)
    first = tab.locator(".search-results li").first
    first.wait_for()
    assert f"hit-{kind}" in first.get_attribute("class")
    assert first.locator("a").inner_text().startswith(label)
    watch.assert_clean()


# ---------------------------------------------------------------- what legal staff see

PHONE = {"width": 390, "height": 844}

GLYPHS_JS = """sample => {
    const family = getComputedStyle(document.body).fontFamily;
    const canvas = document.createElement('canvas');
    canvas.width = 48; canvas.height = 48;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    const draw = ch => {
        ctx.clearRect(0, 0, 48, 48);
        ctx.font = '32px ' + family;
        ctx.textBaseline = 'top';
        ctx.fillText(ch, 4, 4);
        return Array.from(ctx.getImageData(0, 0, 48, 48).data).join(',');
    };
    const chars = Array.from(new Set(Array.from(sample)));
    return {family: family, chars: chars.length, shapes: new Set(chars.map(draw)).size};
}"""
"""Draw each distinct character of a sample in the page's font: when the font stack has no
Chinese font, every character is the same missing-glyph box, so the drawings coincide."""


def assert_chinese_glyphs(tab: Any) -> None:
    """Fail when Chinese text on the page renders as missing-glyph boxes."""
    sample = tab.inner_text("h1") + "权责清单法律依据图谱社会保险法"
    found = tab.evaluate(GLYPHS_JS, sample)
    assert found["shapes"] == found["chars"], (
        f"Chinese text renders as boxes in {found['family']}: {found['shapes']} shapes for "
        f"{found['chars']} characters (install a CJK font, e.g. fonts-wqy-microhei)"
    )


def assert_no_sideways_scroll(tab: Any) -> None:
    wide = tab.evaluate(
        """() => ({scroll: document.documentElement.scrollWidth, view: window.innerWidth,
            culprits: Array.from(document.querySelectorAll('main *'))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className)})"""
    )
    assert wide["scroll"] <= wide["view"], f"{tab.url} scrolls sideways: {wide}"


def assert_readable_network(tab: Any) -> None:
    """Labels at least 11 px on screen, every node inside the canvas."""
    settle(tab)
    label_px = float(tab.get_attribute(".kg-graph", "data-label-px"))
    assert label_px >= 11, f"labels {label_px} px at default zoom"
    outside = tab.evaluate(
        """() => {
            const net = window.kgNetwork.network;
            const box = document.querySelector('.kg-graph').getBoundingClientRect();
            const pos = net.getPositions();
            return Object.keys(pos).map(id => net.canvasToDOM(pos[id]))
                .filter(p => p.x < 0 || p.y < 0 || p.x > box.width || p.y > box.height).length;
        }"""
    )
    assert outside == 0


@pytest.fixture(scope="module")
def built_samples(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The samples built and sited with the commands themselves: (store folder, site folder)."""
    from typer.testing import CliRunner

    from kg.cli import app

    runner = CliRunner()
    root = tmp_path_factory.mktemp("staff")
    db, site = root / "kg-data", root / "site"
    for args in (["build", "--db", str(db), "--jobs", "1"], ["site", str(site), "--db", str(db)]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    return db, site


def _trace_json(db: Path, reference: str) -> dict[str, Any]:
    import json

    from typer.testing import CliRunner

    from kg.cli import app

    result = CliRunner().invoke(app, ["trace", reference, "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_phone_walk_from_typed_reference_to_agency(browser: Any, built_samples: tuple[Path, Path]) -> None:
    """Index → type 社保法第五十八条 → the provision page → an agency page, at 390 px."""
    db, site = built_samples
    expected = _trace_json(db, "社保法第五十八条")
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    tab.goto((site / "index.html").as_uri())
    assert_chinese_glyphs(tab)
    assert_no_sideways_scroll(tab)
    tab.locator(".search.big input").press_sequentially("社保法第五十八条")
    first = tab.locator(".search-results li").first
    first.wait_for()
    assert "hit-provision" in first.get_attribute("class")
    tab.locator(".search.big input").press("Enter")
    tab.wait_for_load_state()
    assert tab.inner_text("h1") == "中华人民共和国社会保险法 第五十八条"
    assert expected["provision"]["label"] == "中华人民共和国社会保险法第五十八条"
    assert_chinese_glyphs(tab)
    assert_no_sideways_scroll(tab)
    assert_readable_network(tab)
    counts = expected["counts"]
    sub = tab.inner_text("p.sub")
    assert f"{counts['powers']} 项权责事项" in sub and f"{counts['agencies']} 个实施主体" in sub
    groups = tab.locator("section.agency-group")
    assert groups.count() == counts["agencies"]
    shown = {
        (groups.nth(g).locator("h3 a").inner_text(), row.locator("td").first.inner_text().splitlines()[-1])
        for g in range(groups.count())
        for row in groups.nth(g).locator("tbody tr").all()
    }
    traced = {(p["agency"], p["seq"]) for p in expected["powers"]}
    assert shown == traced and len(shown) == counts["powers"]
    agency = groups.first.locator("h3 a")
    name = agency.inner_text()
    agency.click()
    tab.wait_for_load_state()
    assert tab.inner_text("h1") == name
    assert_chinese_glyphs(tab)
    assert_no_sideways_scroll(tab)
    assert_readable_network(tab)
    page_text = tab.inner_text("main")
    for power in expected["powers"]:
        if power["agency"] == name:
            assert power["name"] in page_text
    assert not errors, errors
    context.close()


@pytest.mark.parametrize("folder", ["instrument", "provision", "agency", "item", "."])
def test_every_kind_of_page_fits_a_phone(browser: Any, built_samples: tuple[Path, Path], folder: str) -> None:
    _db, site = built_samples
    context = browser.new_context(viewport=PHONE, locale="zh-CN")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    tab = context.new_page()
    for path in sorted((site / folder).glob("*.html"))[:6]:
        tab.goto(path.as_uri())
        assert_no_sideways_scroll(tab)
    context.close()


def test_the_biggest_network_is_readable(page: tuple[Any, Watch], built_samples: tuple[Path, Path]) -> None:
    tab, watch = page
    _db, site = built_samples
    agency = max((site / "agency").glob("*.html"), key=lambda p: p.read_text("utf-8").count('"kind":'))
    tab.goto(agency.as_uri())
    assert_readable_network(tab)
    nodes = tab.evaluate("() => window.kgNetwork.nodes.get().length")
    assert nodes <= 40
    watch.assert_clean()


def test_page_search_key_is_the_python_one(page: tuple[Any, Watch], built_samples: tuple[Path, Path]) -> None:
    """The page's one-line normalisation against :func:`kg.site.search.search_key`."""
    import random

    from kg.site.search import search_key

    tab, watch = page
    _db, site = built_samples
    tab.goto((site / "index.html").as_uri())
    pool = list(
        "社保法第五十八条号令〔〕[]（）()《》〈〉<>“”\"'‘’【】［］{}ＡＢａｂ５８AbZ 　\t\n\u00a0\u2003\u3000-—·、，"
    )
    rng = random.Random(14)
    inputs = ["".join(rng.choice(pool) for _ in range(rng.randint(0, 16))) for _ in range(500)]
    inputs += ["人社部[2016]120号", "《社会保险法》 第58条", "国务院令第６４９号", "ﬁ①Ⅻ"]
    assert tab.evaluate("xs => xs.map(window.kgSearchKey)", inputs) == [search_key(x) for x in inputs]
    watch.assert_clean()


@pytest.mark.parametrize(
    ("typed", "label"),
    [
        ("社保法", "中华人民共和国社会保险法"),
        ("社保法第五十八条", "中华人民共和国社会保险法 第五十八条"),
        ("社会保险法第58条", "中华人民共和国社会保险法 第五十八条"),
        ("国务院令649号", "社会救助暂行办法"),
    ],
)
def test_typed_references_find_what_trace_finds(
    page: tuple[Any, Watch], built_samples: tuple[Path, Path], typed: str, label: str
) -> None:
    tab, watch = page
    _db, site = built_samples
    tab.goto((site / "index.html").as_uri())
    tab.fill(".search.big input", typed)
    first = tab.locator(".search-results li a").first
    first.wait_for()
    assert first.inner_text() == label
    watch.assert_clean()
