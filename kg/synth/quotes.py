"""Provision text in the style lists quote after an article (第七十七条：“…”).

Quotes are composed from templates filled with the field's department, regulated
parties and offences, and pre-rendered into a bank per field (seeded by seed and
field only), so cells quote long, realistic provisions without per-row template work.
"""

from __future__ import annotations

from functools import cache
from random import Random

from extractors.numerals import format_numeral
from kg.synth.tables import Field, fields

__all__ = ["QUOTE_BANK_SIZE", "quote_bank"]

QUOTE_BANK_SIZE = 160
"""Quotes per field: enough that two cells rarely quote alike, cheap to build (~5 ms)."""

_TEMPLATES = (
    "县级以上地方人民政府{dept}负责本行政区域内的{field_work}监督管理工作。",
    "违反本法规定，{obj}{act}的，由县级以上人民政府{dept}责令改正，给予警告，没收违法所得；"
    "违法所得{n}万元以上的，并处违法所得{m}倍以上{k}倍以下罚款；没有违法所得或者违法所得不足"
    "{n}万元的，并处{a}以上{b}以下罚款；情节严重的，责令停产停业。",
    "{obj}应当依照本条例的规定，建立健全管理制度，落实主体责任，接受{dept}的监督检查。",
    "{dept}依法履行监督检查职责，有权采取下列措施：（一）进入现场实施检查；（二）查阅、复制有关合同、"
    "票据、账簿以及其他有关资料；（三）查封、扣押有证据证明{act}的物品；（四）法律、法规规定的其他措施。",
    "{obj}{act}的，由{dept}责令限期改正；逾期不改正的，处{a}以上{b}以下的罚款；情节严重的，依法吊销许可证件。",
    "申请{permit}的，应当向{dept}提交申请材料。{dept}应当自受理申请之日起{d}个工作日内作出决定；"
    "对符合条件的，准予许可并发给许可证件；对不符合条件的，书面说明理由。",
    "{dept}应当建立{obj}信用档案，记录日常监督检查结果、违法行为查处等情况，依法向社会公布并实时更新。",
    "任何单位和个人有权举报{act}的行为。{dept}接到举报后，应当及时核实、处理；对查证属实的举报，给予举报人奖励。",
    "{dept}及其工作人员滥用职权、玩忽职守、徇私舞弊的，对直接负责的主管人员和其他直接责任人员依法给予处分；"
    "构成犯罪的，依法追究刑事责任。",
    "有下列情形之一的，依照本法第{art}条的规定处罚：（一）{act}；（二）{act2}；（三）拒绝、阻碍依法实施的监督检查。",
    "{obj}{act}，依照《中华人民共和国行政处罚法》的规定，由{dept}依法予以处罚。",
    "{dept}对{obj}实施监督检查，不得妨碍正常的生产经营活动，不得索取或者收受财物，不得谋取其他利益。",
    "本办法所称{field_work}，是指{dept}依法对{obj}的活动进行的监督管理。",
)
"""Provision shapes that recur across fields; {art} yields a 本法第N条 mention."""

_AMOUNTS = (
    ("一千元", "一万元"),
    ("二千元", "二万元"),
    ("五千元", "五万元"),
    ("1万元", "10万元"),
    ("二万元", "二十万元"),
    ("5000元", "30000元"),
    ("十万元", "五十万元"),
)


def _permit(f: Field, rng: Random) -> str:
    permits = [name for kind, name in f.items if kind == "行政许可"] or ["相关行政许可"]
    return rng.choice(permits)


def _fill(template: str, f: Field, rng: Random) -> str:
    a, b = rng.choice(_AMOUNTS)
    act, act2 = rng.sample(f.acts, 2)
    return template.format(
        dept=f.dept,
        obj=rng.choice(f.objects),
        act=act,
        act2=act2,
        field_work=f.dept.removesuffix("部门").removesuffix("主管").removesuffix("行政"),
        n=rng.choice(("一", "五", "十")),
        m=rng.choice(("一", "五", "十")),
        k=rng.choice(("二十", "十", "五")),
        a=a,
        b=b,
        d=rng.choice(("二十", "十五", "10", "20")),
        art=format_numeral(rng.randint(10, 90)),
        permit=_permit(f, rng),
    )


@cache
def quote_bank(seed: int, field: str) -> tuple[str, ...]:
    """Pre-rendered provision quotes of one field for one seed."""
    rng = Random(f"kg-synth/{seed}/quotes/{field}")
    f = fields()[field]
    return tuple(_fill(rng.choice(_TEMPLATES), f, rng) for _ in range(QUOTE_BANK_SIZE))
