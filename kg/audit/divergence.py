"""Equivalent power items in different agencies resting on different provisions.

Two agencies that exercise the same power (matched by name similarity and power
type) should rest on the same articles. When both cite one instrument but share
no article of it (天水 4160: 社会保险法 第七十七条、第八十八条; 瓜州 1: 第八十七条),
at least one list is probably wrong. Items are paired one-to-one (each is the
other's best match), so a loosely similar third item never produces a finding.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from functools import cache
from importlib import resources
from itertools import combinations

from extractors.models import Instrument, Provision
from kg.audit.corpus import CitedItem, Corpus, instrument_ref, where
from kg.audit.model import Evidence, Finding
from kg.audit.quotes import SAME_TEXT, same_text
from kg.audit.text import char_bigrams, expand_abbreviations, quote_key
from kg.graph.labels import provision_label

__all__ = ["basis_divergences", "content_bigrams", "equivalent_items", "name_grams"]

NAME_SIMILARITY = 0.3
"""Least Dice of the names' content bigrams (template wording such as 对…的处罚 cut,
医保 written out) for two items to be one power. Names are reworded between lists
(天水 4160 and 瓜州 1 share only 经办机构 … 骗取 … 基金支出), so the bar is low; the
same power type, the one-to-one pairing and :data:`CLEAR_MARGIN` keep it safe."""

_FINE_LEVELS = frozenset({"para", "item", "subitem"})

Basis = dict[str, dict[tuple[tuple[str, int], ...], Provision]]
"""instrument identity → article-level provision path → a provision cited there."""

Identity = Callable[[Instrument], str]
"""Which instrument a citation names: :meth:`kg.audit.corpus.Corpus.instrument_key`."""


COMMON_SHARE = 0.05
COMMON_MIN = 20
"""A bigram in at least 5 % of all item names, and in at least 20, is template wording
(对未取得…许可证擅自…的处罚) and proves nothing about two powers being one; only
a corpus that large can tell template from content, so small ones keep every bigram."""

Grams = dict[int, frozenset[str]]
"""id(item) → the bigrams of its name that count."""


@cache
def _stop_phrases() -> tuple[str, ...]:
    """Template wording of item names (``data/name_stopwords.txt``), longest first."""
    text = resources.files("kg.audit").joinpath("data/name_stopwords.txt").read_text("utf-8")
    words = {w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def content_bigrams(name: str) -> frozenset[str]:
    """Bigrams of what a name is about: abbreviations written out, template wording cut.

    Examples:
        >>> sorted(content_bigrams("对违反规定屠宰生猪的处罚"))
        ['宰生', '屠宰', '生猪']
    """
    text = expand_abbreviations(name)
    for phrase in _stop_phrases():
        text = text.replace(phrase, "|")
    return frozenset(g for part in text.split("|") for g in char_bigrams(part))


def name_grams(items: list[CitedItem]) -> Grams:
    """Content bigrams of every item name, minus those so common they are template."""
    grams = {id(c): content_bigrams(c.item.name) for c in items}
    frequency = Counter(g for bag in grams.values() for g in bag)
    floor = max(COMMON_MIN, COMMON_SHARE * len(items))
    common = {g for g, n in frequency.items() if n >= floor}
    return {key: bag - common for key, bag in grams.items()}


def _dice(x: frozenset[str], y: frozenset[str]) -> float:
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


CLEAR_MARGIN = 0.1
"""How much better than the runner-up a best match must be. 瓜州 2 (本级医疗保险、生育保险
待遇结算和支付) is about as close to 天水 4163 (基本医疗保险待遇) as to 4164 (生育保险
待遇): it covers both, so neither is its equivalent, and no divergence is claimed."""


def _clear_best(scores: dict[int, float]) -> int | None:
    """The index with the best score, if it beats the runner-up by :data:`CLEAR_MARGIN`."""
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked:
        return None
    if len(ranked) > 1 and ranked[0][1] - ranked[1][1] < CLEAR_MARGIN:
        return None
    return ranked[0][0]


def equivalent_items(
    a: list[CitedItem], b: list[CitedItem], grams: Grams | None = None
) -> list[tuple[CitedItem, CitedItem]]:
    """Pairs (x in a, y in b) of one type whose names are each other's clear best match."""
    grams = grams if grams is not None else name_grams(a + b)
    rows: dict[int, dict[int, float]] = defaultdict(dict)
    cols: dict[int, dict[int, float]] = defaultdict(dict)
    by_type: dict[str, list[int]] = defaultdict(list)
    for j, y in enumerate(b):
        by_type[y.item.type].append(j)
    for i, x in enumerate(a):
        for j in by_type.get(x.item.type, []) if x.item.type else []:
            score = _dice(grams[id(x)], grams[id(b[j])])
            if score >= NAME_SIMILARITY:
                rows[i][j] = cols[j][i] = score
    pairs = []
    for i in sorted(rows):
        j = _clear_best(rows[i])
        if j is not None and _clear_best(cols[j]) == i:
            pairs.append((a[i], b[j]))
    return pairs


def _basis(cited: CitedItem, identity: Identity) -> Basis:
    out: Basis = defaultdict(dict)
    for citation in cited.citations("basis"):
        if citation.role != "cites":
            continue
        key = identity(citation.instrument)
        for prov in citation.provisions:
            path = tuple(level for level in prov.path() if level[0] not in _FINE_LEVELS)
            if key and path:
                out[key].setdefault(path, prov)
    return out


def basis_divergences(corpus: Corpus) -> list[Finding]:
    """One finding per equivalent pair and shared instrument with no article in common."""
    by_agency: dict[str, list[CitedItem]] = defaultdict(list)
    for cited in corpus.items:
        by_agency[cited.agency].append(cited)
    grams = name_grams(corpus.items)
    findings = []
    for agency_a, agency_b in combinations(sorted(by_agency), 2):
        for x, y in equivalent_items(by_agency[agency_a], by_agency[agency_b], grams):
            findings.extend(_divergence(x, y, corpus.instrument_key))
    return findings


def _quote_of(cited: CitedItem, key: str, path: tuple[tuple[str, int], ...], identity: Identity) -> str:
    for citation in cited.citations("basis"):
        if identity(citation.instrument) != key:
            continue
        for prov in citation.provisions:
            if tuple(lv for lv in prov.path() if lv[0] not in _FINE_LEVELS) == path:
                return quote_key(prov.quote)
    return ""


def _same_text_hint(
    x: CitedItem, y: CitedItem, key: str, bx: dict, by: dict, identity: Identity
) -> list[str]:
    """Where x quotes under one article the text y quotes under another (a numbering slip)."""
    hints = []
    for px, prov_x in bx.items():
        for py, prov_y in by.items():
            qx, qy = _quote_of(x, key, px, identity), _quote_of(y, key, py, identity)
            if qx and qy and same_text(qx, qy) >= SAME_TEXT:
                hints.append(
                    f"序号{x.item.seq}所引{provision_label(prov_x.path())}的文字即序号{y.item.seq}所引"
                    f"{provision_label(prov_y.path())}的文字，差异可能是条号笔误"
                )
    return hints


def _divergence(x: CitedItem, y: CitedItem, identity: Identity) -> list[Finding]:
    basis_x, basis_y = _basis(x, identity), _basis(y, identity)
    findings = []
    for key in sorted(set(basis_x) & set(basis_y)):
        bx, by = basis_x[key], basis_y[key]
        if set(bx) & set(by):
            continue
        inst = next(c.instrument for c in x.citations("basis") if identity(c.instrument) == key)
        side = [
            f"{where([c])}“{c.item.name}”依据{'、'.join(provision_label(p.path()) for p in b.values())}"
            for c, b in ((x, bx), (y, by))
        ]
        hints = _same_text_hint(x, y, key, bx, by, identity)
        message = (
            f"同类事项（{x.item.type}）在不同机关依据《{inst.title or inst.raw_title}》的不同条款："
            + "；".join(side)
            + ("。" + "；".join(hints) if hints else "")
            + " / equivalent items rest on different articles of one instrument"
        )
        findings.append(
            Finding(
                kind="basis_divergence",
                severity="warning",
                message=message,
                evidence=Evidence(
                    locations=(x.location("basis"), y.location("basis")),
                    raw=(x.item.name, y.item.name),
                ),
                suggestion="核对两份清单所引条款，统一依据 / check which articles apply",
                items=(x.ref, y.ref),
                instruments=(instrument_ref(inst),),
            )
        )
    return findings
