"""What the library holds: instruments, their dated versions, and each version's articles.

Frozen, slotted dataclasses, so a library can be shared by the build, the audit and the
site without anyone changing it under the others. The article numbering follows the
extractor's provisions (``extractors.models.Provision``): a citation's provision is looked
up as ``version.article(p.article, p.article_suffix or 0)``, then paragraph ``p.paragraph - 1``.

Examples:
    >>> article = LawArticle(number=58, paragraphs=("用人单位应当……", "自愿参加……"))
    >>> version = LawVersion(date="2018-12-29", articles=(article,), source="file:社会保险法.md")
    >>> law = LawInstrument(title="中华人民共和国社会保险法", short_titles=("社会保险法",), versions=(version,))
    >>> law.current.article(58).text
    '用人单位应当……\\n自愿参加……'
    >>> law.version_on("2011-07-01") is None
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = [
    "KINDS",
    "STATUSES",
    "LawArticle",
    "LawInstrument",
    "LawVersion",
]

KINDS: tuple[str, ...] = ("宪法", "法律", "行政法规", "司法解释", "部门规章", "地方性法规", "其他")
"""The instrument kinds (levels) the library distinguishes, highest first."""

STATUSES: tuple[str, ...] = ("in_force", "repealed", "unknown")
"""What the library can say of an instrument: in force, repealed, or that the sources do not settle it."""


@dataclass(frozen=True, slots=True)
class LawArticle:
    """One article (条) of one version: where it sits and its paragraphs (款).

    Items (项, （一）…) stay inside their paragraph's text, as the law prints them.
    """

    number: int
    suffix: int = 0
    chapter: int | None = None
    section: int | None = None
    book: int | None = None
    paragraphs: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The article's text: its paragraphs, one per line."""
        return "\n".join(self.paragraphs)


@dataclass(frozen=True, slots=True)
class LawVersion:
    """The text of an instrument as one amendment (or the original) left it.

    ``source_status`` is what the version's source says of it (``in_force``, ``superseded``
    or ``repealed``), kept per version so the library can weigh sources against each other
    instead of trusting one flag.
    """

    date: str | None
    articles: tuple[LawArticle, ...] = ()
    source: str = ""
    history: tuple[str, ...] = ()
    source_status: str | None = None
    in_force_date: str | None = None

    def article(self, number: int, suffix: int = 0) -> LawArticle | None:
        """The article numbered ``number`` (之 ``suffix``), or None when this version has none."""
        for candidate in self.articles:
            if candidate.number == number and candidate.suffix == suffix:
                return candidate
        return None


@dataclass(frozen=True, slots=True)
class LawInstrument:
    """One instrument: its official title, short forms, kind, number, versions and status.

    ``status_source`` says which sources and which dates decided ``status``: the library
    never reports a law repealed on one source's word alone. ``promulgation_number`` is the
    order it was first promulgated under; ``order_numbers`` every order number its history
    names (a revision re-promulgated under a new order: 国务院令第492号, then 第711号).
    """

    title: str
    short_titles: tuple[str, ...] = ()
    kind: str = "其他"
    issuer: str | None = None
    promulgation_number: str | None = None
    versions: tuple[LawVersion, ...] = ()
    status: str = "unknown"
    status_source: str = ""
    dates: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    repealed_by: str | None = None
    order_numbers: tuple[str, ...] = ()

    @property
    def current(self) -> LawVersion:
        """The version in force: the newest one (versions are kept oldest first).

        Raises:
            LookupError: when the instrument has no version at all.
        """
        if not self.versions:
            raise LookupError(f"{self.title}: the library holds no text of it")
        return self.versions[-1]

    def version_on(self, date: str) -> LawVersion | None:
        """The version that was the newest on ``date`` (ISO ``YYYY-MM-DD``), or None before the first."""
        chosen: LawVersion | None = None
        for version in self.versions:
            if version.date is not None and version.date <= date:
                chosen = version
        return chosen
