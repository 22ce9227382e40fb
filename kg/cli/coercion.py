"""Typer's coercion of plain parameter values, without importing pydantic for them.

Typer (0.2x) checks every parameter value through a pydantic ``TypeAdapter``; importing
pydantic and building the adapters cost about 0.15 s of CPU on every ``kg`` command,
half of what ``kg trace`` may take to start. For the values kg's commands mostly get —
a ``str`` for a ``str`` parameter, a ``bool`` for a flag, a ``str`` for a ``Path`` — the
adapter hands back the value itself (or ``Path(value)``, then typer's own path checks),
so :func:`install` has typer do that directly. Anything else (numbers, choices, lists,
files, a custom parser, a value of another type) goes to typer's own adapter, built the
first time it is needed, so every message and every result stays typer's.

Nothing changes when typer's internals are not the ones this was written for:
:func:`install` then leaves typer alone (``tests/cli/test_coercion.py`` compares both
ways on every parameter of every command).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["install", "plain_value"]

_NOT_PLAIN = object()


def plain_value(descriptor: Any, value: Any, param: Any, ctx: Any) -> Any:
    """What typer's adapter would make of ``value``, or ``_NOT_PLAIN`` when that needs the adapter."""
    from typer._click.exceptions import BadParameter
    from typer._param_types import coerce_cli_path, lenient_issubclass

    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None or getattr(info, "click_type", None):
        return _NOT_PLAIN
    annotation = descriptor.annotation
    kind = type(value)
    if annotation is str or annotation is bool:  # typer's adapter: the value as it is
        return value if kind is annotation else _NOT_PLAIN
    if kind is str and lenient_issubclass(annotation, Path):  # typer's path adapter
        path_type = info.path_type or annotation
        if path_type is str or path_type is bytes:
            return coerce_cli_path(value, info, path_type=path_type, param=param, ctx=ctx)
        try:  # pydantic's lax validation of a Path makes path_type(value) of a str
            return coerce_cli_path(path_type(value), info, path_type=path_type, param=param, ctx=ctx)
        except BadParameter:  # typer's message names the value as given: let typer say it
            return _NOT_PLAIN
    return _NOT_PLAIN


def install() -> bool:
    """Make typer coerce plain values without pydantic; False (typer untouched) when it cannot."""
    try:
        from typer import _coercion, core
        from typer._click.exceptions import BadParameter  # noqa: F401
        from typer._param_types import coerce_cli_path, lenient_issubclass  # noqa: F401

        original = core.build_runtime_param
        base = _coercion.RuntimeParam
    except (ImportError, AttributeError):
        return False
    if getattr(original, "plain_first", False):
        return True

    @dataclass(frozen=True)
    class PlainFirst(base):  # type: ignore[misc, valid-type]
        """Plain values directly; the rest through typer's own runtime parameter."""

        descriptor: Any = None
        full: list[Any] = field(default_factory=list)

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            plain = plain_value(self.descriptor, value, param, ctx)
            if plain is not _NOT_PLAIN:
                return plain
            if not self.full:
                self.full.append(original(self.descriptor))
            return self.full[0]._coerce_value(value, param=param, ctx=ctx)

    def build_runtime_param(descriptor: Any) -> Any:
        if descriptor.file_annotation is not None:
            return original(descriptor)
        return PlainFirst(
            parameter_info=descriptor.parameter_info, annotation=descriptor.annotation, descriptor=descriptor
        )

    build_runtime_param.plain_first = True  # type: ignore[attr-defined]
    build_runtime_param.original = original  # type: ignore[attr-defined]
    core.build_runtime_param = build_runtime_param
    return True
