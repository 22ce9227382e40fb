"""The query page: prefixes filled in, results as an escaped table, nothing from other hosts."""

from __future__ import annotations

import html
import urllib.parse
import urllib.request
from collections.abc import Callable
from html.parser import HTMLParser

import pytest

from kg.prefixes import PREFIXES
from kg.serve import KgServer
from tests.serve.conftest import HOSTILE, ITEMS

Serve = Callable[..., KgServer]


class _Collect(HTMLParser):
    """Tags, attributes and text of a page, as a browser's parser would see them."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.cells: list[str] = []
        self.textarea = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("td", "textarea"):
            self._in = tag
            if tag == "td":
                self.cells.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "td":
            self.cells[-1] += data
        elif self._in == "textarea":
            self.textarea += data


def _page(server: KgServer, query: str | None = None) -> tuple[int, dict[str, str], str]:
    url = server.url + "/query" + (f"?{urllib.parse.urlencode({'query': query})}" if query else "")
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


def _parse(page: str) -> _Collect:
    parser = _Collect()
    parser.feed(page)
    return parser


def test_prefixes_are_filled_in(serve: Serve) -> None:
    status, _, page = _page(serve())
    assert status == 200
    textarea = _parse(page).textarea
    for name, namespace in PREFIXES.items():
        assert f"PREFIX {name}: <{namespace}>" in textarea
    assert "<https://" not in page.split("<textarea", 1)[1].split("</textarea>", 1)[0]


def test_results_are_an_escaped_table(serve: Serve) -> None:
    query = "SELECT ?seq ?name WHERE { ?item kg:seq ?seq ; kg:name ?name } ORDER BY ?seq"
    status, headers, page = _page(serve(), query)
    assert status == 200
    parsed = _parse(page)
    assert HOSTILE in parsed.cells  # shown as text …
    assert "<script>alert(1)" not in page  # … never as markup
    assert "<img src=x" not in page
    assert [tag for tag, _ in parsed.tags].count("script") == 1  # only the page's own script
    assert ITEMS["4165"] in parsed.cells
    assert "default-src 'self'" in headers["Content-Security-Policy"]


def test_iris_are_shortened_and_escaped(serve: Serve) -> None:
    status, _, page = _page(serve(), "SELECT DISTINCT ?p WHERE { ?item kg:restsOn ?p }")
    assert status == 200
    assert "id:instrument/中华人民共和国社会保险法/art_58" in _parse(page).cells


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        pytest.param("DROP ALL", 403, "read-only", id="update"),
        pytest.param("SELECT ?s WHERE { ?s ?p }", 400, "", id="syntax"),
        pytest.param(f"SELECT * WHERE {{ ?s ?p '{HOSTILE}' }} garbage", 400, "", id="hostile-error"),
    ],
)
def test_errors_are_shown_escaped(serve: Serve, query: str, status: int, message: str) -> None:
    code, _, page = _page(serve(), query)
    assert code == status
    assert 'class="error"' in page
    assert message in page
    assert "<script>alert(1)" not in page
    assert html.escape(query) in page  # the query stays in the box for fixing


def test_everything_the_page_loads_is_local(serve: Serve) -> None:
    server = serve()
    _, _, page = _page(server, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    sources = [
        attrs.get("src") or attrs.get("href") or ""
        for tag, attrs in _parse(page).tags
        if tag in ("script", "link", "img", "iframe")
    ]
    assert sources == ["/_kg/query.css", "/_kg/query.js"]
    for source in sources:
        with urllib.request.urlopen(server.url + source, timeout=5) as response:
            assert response.status == 200
            assert b"http://" not in response.read()


def test_download_links_run_the_same_query(serve: Serve) -> None:
    server = serve()
    query = "SELECT ?seq WHERE { ?item kg:seq ?seq } ORDER BY ?seq"
    _, _, page = _page(server, query)
    links = [
        a["href"] for tag, a in _parse(page).tags if tag == "a" and "format=csv" in (a.get("href") or "")
    ]
    assert len(links) == 1
    with urllib.request.urlopen(server.url + str(links[0]), timeout=5) as response:
        assert response.read().decode("utf-8").split("\r\n")[:2] == ["seq", "4165"]
