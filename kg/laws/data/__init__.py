"""Package data of the law library: the shipped snapshot (see ``PROVENANCE.md`` beside it)."""

__all__: list[str] = []
