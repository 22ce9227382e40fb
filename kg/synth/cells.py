"""The text cells of a row: 实施依据, 责任事项, 追责情形, 备注.

实施依据 strings one to six citations together the way cells are published: numbered
(1、 / 1. / （1） / 一、), wrapped in ``<p>``, ``<ol>`` or ``<br/>``, or run on with
spaces, ；, or line breaks (which the text writer turns into spaces, as the web export
did). 责任事项 and 追责情形 come from stage and case phrases and cite instruments too,
now and then, as real cells do; a few cells name forms in 《》 (《行政处罚决定书》) —
the negatives an extractor must not take for instruments.

Citations of national instruments, 责任事项 and 追责情形 come from banks rendered once
per corpus (seeded by seed and key only, so they do not depend on which list asks
first); local instruments are cited afresh each time.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from random import Random

from extractors.numerals import format_numeral
from kg.synth.citations import cite
from kg.synth.quotes import quote_bank
from kg.synth.rand import between, pick
from kg.synth.sources import Source, general_sources

__all__ = [
    "BANK_SIZE",
    "CITATION_BANK_SIZE",
    "GENERAL_LAW_SHARE",
    "LOCAL_SHARE",
    "PLACEHOLDER_SHARE",
    "CellContext",
    "accountability_bank",
    "accountability_cell",
    "basis_cell",
    "citation_bank",
    "duties_bank",
    "duties_cell",
    "remark_cell",
]

_GENERAL_BY_TYPE = {
    "行政处罚": "中华人民共和国行政处罚法",
    "行政许可": "中华人民共和国行政许可法",
    "行政强制": "中华人民共和国行政强制法",
}
"""The procedural law a power of this type often cites besides its field law."""

_FORMS = (
    "《行政处罚决定书》",
    "《责令改正通知书》",
    "《行政许可受理通知书》",
    "《不予受理通知书》",
    "《现场检查笔录》",
    "《查封扣押决定书》",
    "《送达回证》",
    "《行政处罚事先告知书》",
    "《准予行政许可决定书》",
    "《举报奖励审批表》",
)
"""Forms that stand in 《》 without being legal instruments."""

_STAGES = {
    "行政处罚": (
        "立案阶段责任",
        "调查阶段责任",
        "审查阶段责任",
        "告知阶段责任",
        "决定阶段责任",
        "送达阶段责任",
        "执行阶段责任",
    ),
    "行政许可": ("受理阶段责任", "审查阶段责任", "决定阶段责任", "送达阶段责任", "事后监管责任"),
    "行政强制": ("催告阶段责任", "决定阶段责任", "执行阶段责任", "事后监管责任"),
}
_DEFAULT_STAGES = ("受理阶段责任", "审查阶段责任", "决定阶段责任", "送达阶段责任", "事后监管责任")
_STAGE_TEXT = (
    "公示依法应当提交的材料；一次性告知补正材料；依法受理或不予受理（不予受理应当告知理由）",
    "对申请材料进行审查，提出审查意见，必要时进行实地核查",
    "作出行政决定或者不予批准的书面决定，不予批准的应当说明理由并告知申请人享有的权利",
    "在规定期限内将决定文书送达当事人，并依法公开有关信息",
    "建立实施监督检查的运行机制和管理制度，开展定期和不定期检查，依法采取相关处置措施",
    "对立案的案件，指定专人负责，及时组织调查取证，与当事人有直接利害关系的应当回避",
    "执法人员不得少于两人，调查时应出示执法证件，允许当事人辩解陈述，执法人员应保守有关秘密",
    "在作出行政处罚决定前，应当告知当事人拟作出处罚的事实、理由、依据及依法享有的陈述、申辩和要求听证等权利",
    "督促当事人履行处罚决定，逾期不履行的依法申请人民法院强制执行",
)
_CASES = (
    "对符合法定条件的申请不予受理、不予批准或者不在法定期限内作出决定的",
    "对不符合法定条件的申请人准予许可或者超越法定职权作出决定的",
    "没有法律和事实依据实施行政处罚的",
    "擅自改变行政处罚种类、幅度的",
    "违反法定的行政处罚程序的",
    "违反“罚缴分离”规定，擅自收取罚款的",
    "不使用罚款单据或使用非法定部门制发的罚款单据的",
    "截留、私分或者变相私分罚款的",
    "在行政处罚过程中发生腐败行为的",
    "对应当予以制止和处罚的违法行为不予制止、处罚，致使公民、法人或者其他组织的合法权益受到损害的",
    "滥用职权、玩忽职守、徇私舞弊的",
    "索取或者收受他人财物或者谋取其他利益的",
    "不依法履行监督职责或者监督不力，造成严重后果的",
    "泄露当事人商业秘密或者个人隐私的",
)
_REMARKS = (
    "无",
    "市县两级共有",
    "省市县三级共有",
    "委托乡镇实施",
    "已下放至县级",
    "根据国发〔2019〕6号文件调整",
    "保留",
    "新增",
)


CITATION_BANK_SIZE = 32
"""Pre-rendered citations per national instrument and field. The same instrument is
cited in thousands of lists, in a few dozen habitual forms each (authors copy cells),
and rendering each citation afresh was half the cost of a row."""


@dataclass(frozen=True, slots=True)
class CellContext:
    """What the cells of one agency's rows draw on: its field's instruments and quotes."""

    seed: int
    field: str
    national: tuple[Source, ...]
    local: tuple[Source, ...]
    quotes: tuple[str, ...]


@cache
def citation_bank(seed: int, field: str, source: Source) -> tuple[str, ...]:
    """Citations of a national ``source`` in the words of ``field``'s lists."""
    rng = Random(f"kg-synth/{seed}/cite/{field}/{source.title}")
    quotes = quote_bank(seed, field)
    return tuple(cite(rng, source, quotes) for _ in range(CITATION_BANK_SIZE))


def _cite_national(rng: Random, ctx: CellContext, source: Source) -> str:
    bank = citation_bank(ctx.seed, ctx.field, source)
    return bank[int(rng.random() * len(bank))]


def _enumerator(rng: Random) -> str:
    return pick(rng, ("{i}、", "{i}.", "{i}. ", "（{i}）", "{c}、", "{i}．"))


def _join(rng: Random, parts: list[str], numbered: bool) -> str:
    if numbered:
        fmt = _enumerator(rng)
        parts = [fmt.format(i=i, c=format_numeral(i)) + p for i, p in enumerate(parts, start=1)]
    r = rng.random()
    if r < 0.35:
        return " ".join(f"<p>{p}</p>" for p in parts)
    if r < 0.40:
        items = " ".join(f"<li>{p}</li>" for p in parts)
        return f'<ol style="list-style-type: none"> {items} </ol>'
    if r < 0.45:
        return "<br/>".join(parts)
    if r < 0.60:
        return "\n".join(parts)
    if r < 0.85:
        return " ".join(parts)
    return "；".join(parts)


PLACEHOLDER_SHARE = 0.01
"""Cells that cite nothing (同上, 详见附件): rare, but an extractor meets them."""

GENERAL_LAW_SHARE = 0.25
"""Penalty, licence and coercion powers that also cite 行政处罚法 / 许可法 / 强制法."""

LOCAL_SHARE = 0.3
"""Cells that add a provincial or city instrument to the national ones."""


def _count(rng: Random) -> int:
    """National instruments in one cell: 1 (half), 2, 3, up to 6."""
    r = rng.random()
    return 1 if r < 0.5 else 2 if r < 0.77 else 3 if r < 0.9 else between(rng, 4, 6)


def basis_cell(rng: Random, ctx: CellContext, power_type: str) -> str:
    """An 实施依据 cell for a power of ``power_type``."""
    if rng.random() < PLACEHOLDER_SHARE:
        return pick(rng, ("同上", "详见附件", "无", "法律法规规章规定"))
    parts = [_cite_national(rng, ctx, pick(rng, ctx.national)) for _ in range(_count(rng))]
    if power_type in _GENERAL_BY_TYPE and rng.random() < GENERAL_LAW_SHARE:
        parts.append(_cite_national(rng, ctx, _general(_GENERAL_BY_TYPE[power_type])))
    if ctx.local and rng.random() < LOCAL_SHARE:
        parts.append(cite(rng, pick(rng, ctx.local), ctx.quotes))
    if len(parts) == 1:
        text = f"<p>{parts[0]}</p>" if rng.random() < 0.35 else parts[0]
    else:
        text = _join(rng, parts, numbered=rng.random() < 0.7)
    if rng.random() < 0.05:
        text = pick(rng, ("依据", "根据", "【设定依据】")) + text
    return text


@cache
def _general(title: str) -> Source:
    return next(s for s in general_sources() if s.title == title)


BANK_SIZE = 48
"""Pre-rendered 责任事项 / 追责情形 texts per power type: these cells are boilerplate
copied between lists, so a few dozen variants per corpus are realistic and cheap."""


def _duties_text(rng: Random, power_type: str) -> str:
    stages = _STAGES.get(power_type, _DEFAULT_STAGES)
    parts = [f"{s}：{pick(rng, _STAGE_TEXT)}。" for s in stages]
    if rng.random() < 0.25:
        parts[rng.randrange(len(parts))] += f"依法制作{pick(rng, _FORMS)}并送达。"
    parts.append("其他法律法规规章文件规定应履行的责任。")
    return _join(rng, parts, numbered=True)


@cache
def duties_bank(seed: int, power_type: str) -> tuple[str, ...]:
    """责任事项 texts for one power type and seed."""
    rng = Random(f"kg-synth/{seed}/duties/{power_type}")
    return tuple(_duties_text(rng, power_type) for _ in range(BANK_SIZE))


def _accountability_text(rng: Random) -> str:
    cases = [*rng.sample(_CASES, between(rng, 3, 7)), "其他违反法律法规规章规定的行为。"]
    head = "因不履行或不正确履行行政职责，有下列情形之一的，行政机关及相关工作人员应承担相应责任："
    return head + _join(rng, [c + "；" for c in cases[:-1]] + [cases[-1]], numbered=True)


@cache
def accountability_bank(seed: int) -> tuple[str, ...]:
    """追责情形 texts for one seed."""
    rng = Random(f"kg-synth/{seed}/accountability")
    return tuple(_accountability_text(rng) for _ in range(BANK_SIZE))


def duties_cell(rng: Random, ctx: CellContext, power_type: str) -> str:
    """A 责任事项 cell: numbered stage duties, sometimes naming a form or citing."""
    bank = duties_bank(ctx.seed, power_type)
    text = bank[int(rng.random() * len(bank))]
    if rng.random() < 0.15:
        text += " 依据" + _cite_national(rng, ctx, pick(rng, ctx.national)) + "。"
    return text


def accountability_cell(rng: Random, ctx: CellContext) -> str:
    """A 追责情形 cell: the standard preamble, numbered cases, sometimes a legal basis."""
    bank = accountability_bank(ctx.seed)
    text = bank[int(rng.random() * len(bank))]
    if rng.random() < 0.2:
        text += " " + _cite_national(rng, ctx, pick(rng, ctx.national))
    return text


def remark_cell(rng: Random) -> str:
    """A 备注: usually empty."""
    return pick(rng, _REMARKS) if rng.random() < 0.08 else ""
