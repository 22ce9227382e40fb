"""The page of one amendment's impact: articles changed, and the powers resting on them by agency.

Written by ``kg impact … --html SITE`` into a site ``kg site`` built, beside its index,
so each power links to its own page there.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from kg.atomic import atomic_write
from kg.impact import ImpactReport
from kg.laws.diff import article_label
from kg.site.layout import page, table
from kg.site.links import KIND_DIRS
from kg.site.markup import Markup, h, join
from kg.site.slugs import page_name

__all__ = ["impact_file_name", "impact_page", "write_impact_page"]

CHANGE_NAMES: dict[str, str] = {
    "unchanged": "未改 unchanged",
    "changed": "修改 changed",
    "added": "新增 added",
    "deleted": "删除 deleted",
    "renumbered": "条号变动 renumbered",
}


def impact_file_name(report: ImpactReport) -> str:
    """``impact-<instrument>-<from>-<to>.html``: one page per pair of versions."""
    stem = page_name(f"{report.law.title}/{report.old.date}/{report.new.date}").removesuffix(".html")
    return f"impact-{stem}.html"


def _text(text: str | None) -> Markup:
    if not text:
        return h("span", {"class": "sub"}, "（无 none）")
    return join(h("p", None, line) for line in text.splitlines())


def impact_page(report: ImpactReport) -> str:
    """The whole HTML page (every text escaped)."""
    law = report.law
    counts = report.counts()
    summary = "，".join(f"{CHANGE_NAMES[k]} {n}" for k, n in counts.items())
    changed_rows = [
        [
            article_label(c.old),
            article_label(c.new),
            CHANGE_NAMES[c.change],
            f"{c.similarity:.0%}" if c.old is not None and c.new is not None else "",
        ]
        for c in report.articles
        if c.change != "unchanged"
    ]
    by_agency: dict[str, list] = defaultdict(list)
    for impacted in report.powers:
        by_agency[impacted.power.agency or "（未写实施主体 no agency given）"].append(impacted)
    blocks = []
    for agency, powers in sorted(by_agency.items()):
        rows = []
        for impacted in powers:
            power, change = impacted.power, impacted.change
            link = h("a", {"href": f"{KIND_DIRS['item']}/{page_name(power.item)}"}, power.name or power.item)
            rows.append(
                [
                    power.seq,
                    link,
                    power.list,
                    impacted.citation.cited_as or "",
                    CHANGE_NAMES[change.change],
                    _text(change.old.text if change.old is not None else None),
                    _text(change.new.text if change.new is not None else None),
                ]
            )
        blocks.append(
            join(
                [
                    h("h3", None, agency, h("span", {"class": "sub"}, f" · {len(powers)} 项 powers")),
                    table(
                        [
                            "序号",
                            "事项 power",
                            "清单 list",
                            "引用为 cited as",
                            "变化 change",
                            f"旧文 old ({report.old.date})",
                            f"新文 new ({report.new.date})",
                        ],
                        rows,
                    ),
                ]
            )
        )
    body = join(
        [
            h("h1", None, f"《{law.title}》修改的影响 what the amendment touches"),
            h(
                "p",
                {"class": "sub"},
                f"{report.old.date} → {report.new.date} · {report.old.source} → {report.new.source}",
            ),
            h("p", None, summary),
            h("h2", None, f"受影响的权责事项 powers affected ({len(report.powers)})"),
            join(blocks)
            if blocks
            else h(
                "p",
                {"class": "empty"},
                report.note or "没有事项依据改动的条文 no power rests on a changed article",
            ),
            h("h2", None, "改动的条文 articles that changed"),
            table(["原条号 old", "新条号 new", "变化 change", "相似度 similarity"], changed_rows),
        ]
    )
    return page(
        f"{law.title} 修改的影响", body, depth=0, crumbs=[("首页", "index.html"), ("修改的影响 impact", None)]
    )


def write_impact_page(report: ImpactReport, site_dir: Path) -> Path:
    """Write the page into ``site_dir`` (created; atomically: :func:`kg.atomic.atomic_write`); return it."""
    target = site_dir / impact_file_name(report)
    with atomic_write(target) as handle:
        handle.write(impact_page(report))
    return target
