"""A small hand-made graph for the site tests, built through the real graph builder.

Shared by ``conftest.py`` (fixtures) and the browser tests (module-scoped sites).

Two lists: a clean one citing 社会保险法 第五十八条 (and its 第一款) and 第八十六条,
and a hostile one whose names and cells hold markup and quotes.
"""

from __future__ import annotations

from typing import Any, TypeVar

from extractors.models import Citation, Instrument, Provision
from kg.graph.build import list_quads
from kg.model import CellCitations, ExtractedItem, PowerItem, PowerList
from kg.store.base import Store

StoreT = TypeVar("StoreT", bound=Store)

XSS = "<script>alert(1)</script><img src=x onerror=alert(1)>\"quoted\" 'single'"
"""Markup a list may hold in any cell; every page must show it as text."""

SHEBAO = "中华人民共和国社会保险法"


def _law(title: str = SHEBAO, raw: str = "社会保险法") -> Instrument:
    return Instrument(title=title, raw_title=raw, kind="法律")


def _cite(text: str, needle: str, instrument: Instrument, *provs: Provision) -> Citation:
    start = text.index(needle)
    return Citation("cites", (start, start + len(needle)), instrument, provs, rule="test")


def _item(list_title: str, seq: str, name: str, agency: str, basis: str, **kw: Any) -> PowerItem:
    return PowerItem(
        list_title=list_title,
        file=f"{list_title}.txt",
        line=int(seq) + 3,
        seq=seq,
        name=name,
        type=kw.pop("type", "行政处罚"),
        agency=agency,
        agency_raw=agency,
        basis=basis,
        **kw,
    )


def clean_list() -> tuple[PowerList, list[ExtractedItem]]:
    """甲市医保局: three items on 第五十八条 / 第五十八条第一款 / 第八十六条."""
    title = "甲市医保局权责清单"
    plist = PowerList(title=title, source_file=f"{title}.txt", agency="甲市医疗保障局")
    texts = {
        "1": "《中华人民共和国社会保险法》第五十八条：“用人单位应当自用工之日起三十日内为其职工申请办理社会保险登记。”",
        "2": "《社会保险法》第五十八条第一款；《社会保险法》第八十六条",
        "3": "《社会保险法》第八十六条：“用人单位未按时足额缴纳社会保险费的……”",
    }
    items = []
    for seq, text in texts.items():
        item = _item(title, seq, f"事项{seq}", "甲市医疗保障局", text)
        cites = []
        if seq == "1":
            needle = "《中华人民共和国社会保险法》第五十八条"
            q = "用人单位应当自用工之日起三十日内为其职工申请办理社会保险登记。"
            cites.append(_cite(text, needle, _law(), Provision(article=58, quote=q)))
        if seq == "2":
            cites.append(
                _cite(text, "《社会保险法》第五十八条第一款", _law(), Provision(article=58, paragraph=1))
            )
            cites.append(_cite(text, "《社会保险法》第八十六条", _law(), Provision(article=86)))
        if seq == "3":
            cites.append(_cite(text, "《社会保险法》第八十六条", _law(), Provision(article=86)))
        items.append(ExtractedItem(item, (CellCitations("basis", text, tuple(cites)),)))
    return plist, items


def hostile_list() -> tuple[PowerList, list[ExtractedItem]]:
    """A list whose agency, item name, cells and quote all hold markup."""
    title = "乙县<b>医保局</b>清单"
    plist = PowerList(title=title, source_file="hostile.txt", agency=f"乙县医保局{XSS}")
    text = f"《社会保险法》第五十八条：“{XSS}” 另见 {XSS}"
    item = _item(title, "7", f"事项{XSS}", f"乙县医保局{XSS}", text, duties=XSS, remark=XSS, sub_name=XSS)
    cite = _cite(text, "《社会保险法》第五十八条", _law(), Provision(article=58, quote=XSS))
    return plist, [ExtractedItem(item, (CellCitations("basis", text, (cite,)),))]


def load(store: StoreT, *lists: tuple[PowerList, list[ExtractedItem]]) -> StoreT:
    """Put each list into its own named graph of ``store``."""
    for plist, items in lists:
        quads = list(list_quads(plist, items))
        store.replace_graph(quads[0][3], quads)
    return store


def _iris() -> tuple[str, str, str, str]:
    from kg.iri import instrument_iri, provision_iri

    law = instrument_iri(SHEBAO)
    return (
        str(law),
        str(provision_iri(law, (("art", 58),))),
        str(provision_iri(law, (("art", 58), ("para", 1)))),
        str(provision_iri(law, (("art", 86),))),
    )


LAW, ART58, PARA1, ART86 = _iris()
"""IRIs of the law and of the provisions the hand-made lists cite."""
