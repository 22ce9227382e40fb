"""The law library: official texts, versions and status of the instruments the lists cite."""

from kg.laws.model import KINDS, STATUSES, LawArticle, LawInstrument, LawVersion

__all__ = ["KINDS", "STATUSES", "LawArticle", "LawInstrument", "LawVersion"]
