"""Package data of the extractor: CSV tables read by :mod:`extractors.tables`."""

__all__: list[str] = []
