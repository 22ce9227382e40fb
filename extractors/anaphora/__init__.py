"""Anaphora inside one cell: 本法, 该法, 同法, 本条, 前款 and 以下简称 short names."""

from extractors.anaphora.resolve import (
    AliasTable,
    AnaphorScope,
    anaphor_fits,
    anaphor_scope,
    inherit_path,
)

__all__ = ["AliasTable", "AnaphorScope", "anaphor_fits", "anaphor_scope", "inherit_path"]
