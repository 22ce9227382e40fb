"""The names of the finding kinds, in Chinese and English (``data/kinds.csv``).

Data only: the terminal view (:mod:`kg.cli.audit_view`) and the findings page
(:mod:`kg.site.findings`) both label a kind from here.
"""

from __future__ import annotations

import csv
from functools import cache
from importlib import resources

__all__ = ["kind_labels"]


@cache
def kind_labels() -> dict[str, str]:
    """Finding kind → "中文 English" (``data/kinds.csv``)."""
    text = resources.files("kg.audit").joinpath("data/kinds.csv").read_text("utf-8")
    return {row["kind"]: f"{row['zh']} {row['en']}" for row in csv.DictReader(text.splitlines())}
