"""Citations checked against the law's own text: ``article_not_found``, ``quote_mismatch``, ``renumbered``.

Every other check compares the lists with each other; these compare each
citation with the instrument in the law library (:mod:`kg.laws`), so one list
alone is enough: 天水 4160 quotes 社会保险法 第八十七条's words under 第七十七条,
and the law's text shows it whoever else cites the article. A check speaks only
when the text proves it: the article, paragraph or item is absent from the
version cited; the quote is, by similarity (:mod:`kg.laws.compare`), another
article's text or an earlier version's; or a text moved to another number in an
amendment. Quotes that differ only in width, punctuation, ellipses or by being
one paragraph or sentence of the article are the law's text.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import regex

from extractors.models import Provision
from kg.audit.corpus import Corpus, Occurrence, instrument_ref, where
from kg.audit.model import Evidence, Finding, Location, Severity
from kg.graph.labels import provision_label
from kg.laws.cite import LibraryLike, cited_version, find_instrument, has_text
from kg.laws.compare import MIN_QUOTE, Place, QuoteMatch, check_cited, locate_quote, quote_key
from kg.laws.provisions import ProvisionLookup, is_complete, lookup_cited

if TYPE_CHECKING:
    from kg.laws.model import LawInstrument, LawVersion

__all__ = ["SHOWN", "CitedProvision", "Judgement", "cited_provisions", "judge", "law_text_findings"]

_SUFFIX_AS_WRITTEN = regex.compile(r"条之[一二三四五六七八九十]")
"""A provision written with 之N: when the extracted provision has no suffix, the numbers are not
what the list wrote, and a check on them would report an article the list never cited."""

SHOWN = 60
"""Characters of a quote or an article shown in a message (the evidence keeps the whole text)."""


@dataclass(frozen=True, slots=True)
class CitedProvision:
    """One article-level provision of one citation, with the instrument and version it cites."""

    occ: Occurrence
    provision: Provision
    law: LawInstrument
    version: LawVersion

    @property
    def article(self) -> int:
        return self.provision.article or 0

    @property
    def suffix(self) -> int:
        return self.provision.article_suffix or 0


def cited_provisions(corpus: Corpus, library: LibraryLike | None) -> Iterator[CitedProvision]:
    """Every cited article (not mentions inside quotes) of an instrument whose text the library holds.

    Parts of policy documents (一、…) and annexes are not articles; a citation of a
    version older than any the library holds is skipped (its text is unknown).
    """
    found: dict[tuple[str | None, str | None, str | None], LawInstrument | None] = {}
    for occ in corpus.occurrences():
        if occ.citation.role != "cites" or not occ.citation.provisions:
            continue
        inst = occ.instrument
        key = (inst.title, inst.raw_title, inst.doc_number)
        if key not in found:
            found[key] = find_instrument(library, inst)
        law = found[key]
        if law is None or not has_text(law):
            continue
        version = cited_version(law, inst)
        if version is None:
            continue
        for provision in occ.citation.provisions:
            if provision.article is None or provision.part is not None or provision.annex is not None:
                continue
            if provision.article_suffix is None and _SUFFIX_AS_WRITTEN.search(provision.raw or ""):
                continue  # 第一百三十三条之一 read without its 之一: judging 第一百三十三条 would be wrong
            yield CitedProvision(occ, provision, law, version)


def _short(text: str | None) -> str:
    text = (text or "").replace("\n", "")
    return text if len(text) <= SHOWN else text[:SHOWN] + "……"


def _label(article: int, suffix: int = 0, paragraph: int | None = None, item: int | None = None) -> str:
    return provision_label(
        Provision(article=article, article_suffix=suffix or None, paragraph=paragraph, item=item).path()
    )


def _place_label(place: Place) -> str:
    return _label(place.article, place.suffix, place.paragraph if place.paragraph else None)


def _version_name(version: LawVersion) -> str:
    return version.date or "现行"


def _text_name(law: LawInstrument, version: LawVersion) -> str:
    """现行文本（2018-12-29） or 所引版本（2010-10-28）: which text a count is of."""
    return f"{'现行文本' if version is law.current else '所引版本'}（{_version_name(version)}）"


def _held(law: LawInstrument) -> str:
    """The versions the library holds, for a message that claims something of all of them."""
    return "、".join(_version_name(v) for v in law.versions)


def _law_location(law: LawInstrument, version: LawVersion, label: str, text: str | None) -> Location:
    """The law's text as evidence: where it comes from, which provision, its words."""
    return Location(file=version.source or law.title, column=f"{label}（{_version_name(version)}）", raw=text)


def _version(law: LawInstrument, date: str | None) -> LawVersion:
    return next((v for v in law.versions if v.date == date), law.current)


@dataclass(frozen=True, slots=True)
class Judgement:
    """What the law's text proves about one cited provision: a finding without its places.

    ``message`` holds ``{where}`` where the places go (lists and 序号), so the audit
    can report every citation with the same problem in one finding and ``kg trace``
    can show it for one power; ``key`` is what makes two citations the same problem.
    """

    kind: str
    severity: Severity
    key: tuple[object, ...]
    message: str
    suggestion: str
    expected: str | None = None
    law_evidence: tuple[Location, ...] = ()

    def text(self, where: str = "") -> str:
        """The message with the places filled in (or left out)."""
        return self.message.replace("{where}", f"{where} " if where else "")


def judge(law: LawInstrument, version: LawVersion, provision: Provision) -> Judgement | None:
    """The finding the law's text proves about one cited provision, or None when it is right.

    Args:
        law: the cited instrument, from the library.
        version: the version the citation means (:func:`kg.laws.cite.cited_version`).
        provision: the cited provision with its quote, as the extractor found it.
    """
    lookup = lookup_cited(law, provision, version)
    if not lookup.found:
        # in a partial text (articles not numbered 1..N) an absent article proves nothing
        return _missing(law, version, provision, lookup) if is_complete(version) else None
    if len(quote_key(provision.quote)) < MIN_QUOTE:
        return None
    match = check_cited(law, provision, version)
    return _mismatch(law, version, provision, match) if match.verdict == "mismatch" else None


def law_text_findings(corpus: Corpus, library: LibraryLike | None) -> list[Finding]:
    """The three kinds of findings the law's text proves, one per instrument, provision and problem."""
    groups: dict[tuple[object, ...], tuple[Judgement, list[CitedProvision]]] = {}
    for cited in cited_provisions(corpus, library):
        judgement = judge(cited.law, cited.version, cited.provision)
        if judgement is not None:
            groups.setdefault(judgement.key, (judgement, []))[1].append(cited)
    return [_finding(judgement, cited) for judgement, cited in groups.values()]


def _missing(law: LawInstrument, version: LawVersion, p: Provision, lookup: ProvisionLookup) -> Judgement:
    """article_not_found, or renumbered when the earlier text now stands under another number."""
    label = provision_label(p.path())
    title = f"《{law.title}》"
    article, suffix = p.article or 0, p.article_suffix or 0
    moved = _moved(law, lookup)
    if moved is not None and lookup.earlier is not None:
        earlier = lookup.earlier
        new_label = _place_label(moved)
        return Judgement(
            "renumbered",
            "warning",
            ("renumbered", law.title, p.path(), new_label),
            message=(
                f"{title}{label}在现行文本（{_version_name(version)}）中已不存在："
                f"{_version_name(earlier)}版本的{label}现为{new_label}（文字相似度{moved.score:.0%}）：{{where}}"
                " / renumbered by an amendment"
            ),
            suggestion=f"{label} → {new_label}",
            expected=new_label,
            law_evidence=(
                _law_location(law, earlier, label, lookup.earlier_text),
                _law_location(law, version, new_label, _text_of(law, moved)),
            ),
        )
    what = {"article": "条", "paragraph": "款", "item": "项"}[lookup.missing or "article"]
    if lookup.missing == "article":
        count = f"{_text_name(law, version)}共{lookup.count}条"
    elif lookup.missing == "paragraph":
        count = f"{_text_name(law, version)}的{_label(article, suffix)}共{lookup.count}款"
    else:
        count = f"现行文本（{_version_name(version)}）的该款" + (
            f"共{lookup.count}项" if lookup.count else "不分项"
        )
    history = (
        f"；{_version_name(lookup.earlier)}的版本有{label}：“{_short(lookup.earlier_text)}”"
        if lookup.earlier is not None
        else ("；以前的版本也没有" if len(law.versions) > 1 else "")
    )
    suggestion = "核对条款号"
    evidence: tuple[Location, ...] = ()
    if lookup.earlier is not None:
        evidence = (_law_location(law, lookup.earlier, label, lookup.earlier_text),)
    elif lookup.article is not None:
        evidence = (_law_location(law, version, _label(article, suffix), lookup.article.text),)
    home = _home_of_quote(law, p.quote)
    expected = None
    if home is not None:
        expected = _place_label(home)
        suggestion = f"所引文字是{expected}的原文：{label} → {expected}"
        evidence = (*evidence, _law_location(law, _version(law, home.version), expected, _text_of(law, home)))
    return Judgement(
        "article_not_found",
        "warning" if lookup.earlier is not None else "error",
        ("article_not_found", law.title, version.date, p.path()),
        message=f"{title}没有{label}（{count}{history}）：{{where}}/ the cited {what} does not exist",
        suggestion=suggestion,
        expected=expected,
        law_evidence=evidence,
    )


def _home_of_quote(law: LawInstrument, quote: str | None) -> Place | None:
    if len(quote_key(quote)) < MIN_QUOTE:
        return None
    places = locate_quote(law, quote or "")
    return places[0] if places else None


def _moved(law: LawInstrument, lookup: ProvisionLookup) -> Place | None:
    """Where the earlier text of a vanished article stands now, if under one other number."""
    if lookup.missing != "article" or lookup.earlier is None or not lookup.earlier_text:
        return None
    current = [p for p in locate_quote(law, lookup.earlier_text) if p.current]
    return current[0] if current else None


def _text_of(law: LawInstrument, place: Place) -> str | None:
    article = _version(law, place.version).article(place.article, place.suffix)
    if article is None:
        return None
    if place.paragraph and len(article.paragraphs) > 1:
        return article.paragraphs[place.paragraph - 1]
    return article.text


def _mismatch(law: LawInstrument, version: LawVersion, p: Provision, match: QuoteMatch) -> Judgement | None:
    """quote_mismatch (another article's, an earlier version's, or no text of the law), or renumbered."""
    label = provision_label(p.path())
    title = f"《{law.title}》"
    article, suffix = p.article or 0, p.article_suffix or 0
    quoted = f"引作“{_short(p.quote)}”"
    cited_evidence = _law_location(law, version, label, match.cited_text)
    original = f"{label}原文（{_version_name(version)}）：“{_short(match.cited_text)}”"
    home = match.home
    key_text = quote_key(p.quote)
    if home is None and not is_complete(version):
        return None  # the quote may be the text of a part the library lacks
    if home is None:
        return Judgement(
            "quote_mismatch",
            "warning",
            ("quote_mismatch", law.title, p.path(), key_text, None),
            message=(
                f"{title}{label}的引文在法规库所收的版本（{_held(law)}）中都找不到，"
                f"可能引自法规库未收的旧版本或其他文件：{{where}}{quoted}；{original}"
                " / the quoted text is in no version of the law the library holds"
            ),
            suggestion="以法条原文替换引文",
            law_evidence=(cited_evidence,),
        )
    home_label = _place_label(home)
    home_version = _version(law, home.version)
    home_evidence = _law_location(law, home_version, home_label, _text_of(law, home))
    same_article = (home.article, home.suffix) == (article, suffix)
    old_same_number = next(
        (pl for pl in match.found if not pl.current and (pl.article, pl.suffix) == (article, suffix)), None
    )
    if home.current and not same_article and old_same_number is not None:
        old = _version_name(_version(law, old_same_number.version))
        return Judgement(
            "renumbered",
            "warning",
            ("renumbered", law.title, p.path(), home_label),
            message=(
                f"{title}{label}的引文是{old}版本{label}的文字，修改后该文字现为{home_label}"
                f"（相似度{home.score:.0%}）：{{where}}{quoted} / renumbered by an amendment"
            ),
            suggestion=f"{label} → {home_label}",
            expected=home_label,
            law_evidence=(home_evidence, cited_evidence),
        )
    expected: str | None = home_label
    severity: Severity = "warning"
    if same_article and not home.current:
        message = (
            f"{title}{label}的引文是{_version_name(home_version)}版本的文字（相似度{home.score:.0%}），"
            f"该条已经修改：{{where}}{quoted}；{original} / quotes the text before an amendment"
        )
        suggestion = f"按现行文本（{_version_name(version)}）更新{label}的引文"
        expected = None
    elif same_article:
        message = (
            f"{title}{label}的引文是该条{home_label[len(_label(article, suffix)) :]}的文字："
            f"{{where}}{quoted} / the quote is another paragraph of the article"
        )
        suggestion = f"{label} → {home_label}"
    else:
        in_version = "" if home.current else f"{_version_name(home_version)}版本"
        message = (
            f"{title}{label}的引文不是该条的原文，而是{in_version}{home_label}的原文（相似度{home.score:.0%}）："
            f"{{where}}{quoted}；{original} / the quoted text is another article's"
        )
        suggestion = f"{label} → {home_label}（或改引{label}的原文）"
        severity = "error" if home.current else "warning"
    return Judgement(
        "quote_mismatch",
        severity,
        ("quote_mismatch", law.title, p.path(), key_text, home_label),
        message=message,
        suggestion=suggestion,
        expected=expected,
        law_evidence=(home_evidence, cited_evidence),
    )


def _finding(judgement: Judgement, cited: list[CitedProvision]) -> Finding:
    return Finding(
        kind=judgement.kind,
        severity=judgement.severity,
        message=judgement.text(where(c.occ.cited for c in cited)),
        evidence=Evidence(
            locations=tuple(c.occ.location(c.provision.raw or c.occ.raw_text()) for c in cited),
            raw=tuple(dict.fromkeys(c.provision.quote or c.provision.raw or "" for c in cited)),
            expected=judgement.expected,
            law=judgement.law_evidence,
        ),
        suggestion=judgement.suggestion,
        items=tuple(dict.fromkeys(c.occ.cited.ref for c in cited)),
        instruments=(instrument_ref(cited[0].occ.instrument),),
    )
