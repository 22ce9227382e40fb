"""Article numbers written the way the lists write them (第七十七条).

Findings quote the lists back to their readers, so numbers go out in Chinese. The
writing itself is the graph's (:func:`kg.graph.labels.provision_label`), so a finding
and a page name a provision the same way.
"""

from __future__ import annotations

from extractors.models import Provision
from kg.graph import labels

__all__ = ["provision_label"]


def provision_label(provision: Provision) -> str:
    """第七十七条第一款 / 第四部分 / 第二条第四项, from the provision's numbers.

    Examples:
        >>> provision_label(Provision(article=77, paragraph=1))
        '第七十七条第一款'
        >>> provision_label(Provision(chapter=5, article=27))
        '第二十七条'
        >>> provision_label(Provision(part=4))
        '第四部分'
    """
    return labels.provision_label(provision.path())
