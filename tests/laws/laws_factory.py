"""Small law libraries the law-check tests build, from real article texts.

The texts are copied from 中华人民共和国社会保险法 as amended 2018-12-29
(LawRefBook snapshot, ``社会法/社会保险法(2018-12-29).md``); only the articles the
tests need are kept, numbered as in the law.
"""

from __future__ import annotations

from extractors import extract
from kg.laws.library import Library, library_from_instruments
from kg.laws.model import LawArticle, LawInstrument, LawVersion
from kg.scale import build_in_process
from kg.store.memory import MemoryStore
from tests.factories import item, power_list

__all__ = [
    "SOCIAL_INSURANCE",
    "TIANSHUI_4160",
    "article",
    "library_of",
    "quoting_store",
    "social_insurance_law",
]

SOCIAL_INSURANCE: dict[int, tuple[str, ...]] = {
    8: ("社会保险经办机构提供社会保险服务，负责社会保险登记、个人权益记录、社会保险待遇支付等工作。",),
    58: (
        "用人单位应当自用工之日起三十日内为其职工向社会保险经办机构申请办理社会保险登记。"
        "未办理社会保险登记的，由社会保险经办机构核定其应当缴纳的社会保险费。",
        "自愿参加社会保险的无雇工的个体工商户、未在用人单位参加社会保险的非全日制从业人员以及其他灵活就业人员，"
        "应当向社会保险经办机构申请办理社会保险登记。",
    ),
    77: (
        "县级以上人民政府社会保险行政部门应当加强对用人单位和个人遵守社会保险法律、法规情况的监督检查。",
        "社会保险行政部门实施监督检查时，被检查的用人单位和个人应当如实提供与社会保险有关的资料，"
        "不得拒绝检查或者谎报、瞒报。",
    ),
    79: (
        "社会保险行政部门对社会保险基金的收支、管理和投资运营情况进行监督检查，发现存在问题的，应当提出整改建议，"
        "依法作出处理决定或者向有关行政部门提出处理建议。社会保险基金检查结果应当定期向社会公布。",
        "社会保险行政部门对社会保险基金实施监督检查，有权采取下列措施：\n"
        "（一）查阅、记录、复制与社会保险基金收支、管理和投资运营相关的资料，对可能被转移、隐匿或者灭失的资料予以封存；\n"
        "（二）询问与调查事项有关的单位和个人，要求其对与调查事项有关的问题作出说明、提供有关证明材料；\n"
        "（三）对隐匿、转移、侵占、挪用社会保险基金的行为予以制止并责令改正。",
    ),
    87: (
        "社会保险经办机构以及医疗机构、药品经营单位等社会保险服务机构以欺诈、伪造证明材料或者其他手段骗取社会保险基金支出的，"
        "由社会保险行政部门责令退回骗取的社会保险金，处骗取金额二倍以上五倍以下的罚款；属于社会保险服务机构的，"
        "解除服务协议；直接负责的主管人员和其他直接责任人员有执业资格的，依法吊销其执业资格。",
    ),
    88: (
        "以欺诈、伪造证明材料或者其他手段骗取社会保险待遇的，由社会保险行政部门责令退回骗取的社会保险金，"
        "处骗取金额二倍以上五倍以下的罚款。",
    ),
    98: ("本法自2011年7月1日起施行。",),
}
"""Article number → paragraphs, as the law prints them (items stay inside their paragraph)."""

# 天水 4160's quote under 第七十七条, as the list writes it (copy edits included).
TIANSHUI_4160 = (
    "社会保险经办机构及医疗机构、药品经营单位等社会保险服务机构经欺诈、伪造证明材料或者其他手段骗取社会保险基金支出的，"
    "由社会保险行政部门责令退回骗取的社会保险金，处骗取金额二倍以上五倍以下的罚款；属于社会保险服务机构的，解除服务协议；"
    "直接负责的主管人员和其他直接责任人员的执业资格的，依法吊销其执业资格"
)


def quoting_store(second_cites: str = "第七十七条") -> MemoryStore:
    """A one-list graph: 序号1 quotes 4160's text under 第七十七条, 序号2 quotes 第七十七条's first
    paragraph under ``second_cites``."""
    opened = MemoryStore()
    items = [
        item("1", f"《中华人民共和国社会保险法》第七十七条：“{TIANSHUI_4160}”", line=5),
        item("2", f"《社会保险法》{second_cites}：“{SOCIAL_INSURANCE[77][0]}”", line=6),
    ]
    build_in_process([(power_list(), items)], opened, extract=extract)
    return opened


def article(number: int, *paragraphs: str) -> LawArticle:
    """An article with ``paragraphs``, else its text above, else a placeholder (the law numbers
    its articles 1..98 without a gap; the tests need the text of a few only)."""
    return LawArticle(
        number=number,
        paragraphs=paragraphs or SOCIAL_INSURANCE.get(number) or (f"（测试未收录第{number}条的文字）",),
    )


def social_insurance_law(
    *earlier: LawVersion, source: str = "test", source_status: str | None = "in_force"
) -> LawInstrument:
    """社会保险法 with its 98 articles (those above with their text) as its 2018 version, after any
    ``earlier`` versions.

    ``source`` and ``source_status`` are what the (test) source says of the 2018 text;
    the library decides the status from them.
    """
    current = LawVersion(
        date="2018-12-29",
        articles=tuple(article(n) for n in range(1, max(SOCIAL_INSURANCE) + 1)),
        source=f"{source}:社会保险法(2018-12-29)",
        source_status=source_status,
    )
    return LawInstrument(
        title="中华人民共和国社会保险法",
        short_titles=("社会保险法",),
        kind="法律",
        versions=(*earlier, current),
    )


def library_of(*instruments: LawInstrument) -> Library:
    """A library built in memory from ``instruments``."""
    return library_from_instruments(instruments)
