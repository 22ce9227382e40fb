"""``kg serve`` on the command line: options reach the server, bad ones exit with code 2."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kg.cli import serve as serve_cli
from kg.serve.app import KgServer
from kg.store.oxigraph import OxigraphStore


@pytest.fixture
def app() -> typer.Typer:
    """Just the serve command, so these tests do not depend on the other commands."""
    application = typer.Typer()
    application.command("serve")(serve_cli.serve_command)

    @application.callback()
    def _root() -> None:
        """Keep a group so the command is called by name."""

    return application


@pytest.fixture
def built_db(tmp_path: Path) -> Path:
    db = tmp_path / "kg-data"
    OxigraphStore(db).close()
    return db


def test_serve_binds_loopback_and_stops_cleanly(
    app: typer.Typer, built_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: dict[str, object] = {}

    def fake_forever(self: KgServer, poll_interval: float = 0.5) -> None:
        seen.update(address=self.server_address, site=self.site, limit=self.runner.limit)
        raise KeyboardInterrupt

    monkeypatch.setattr(KgServer, "serve_forever", fake_forever)
    args = ["serve", "--db", str(built_db), "--port", "0", "--site", str(tmp_path / "site"), "--limit", "7"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    assert seen["address"][0] == "127.0.0.1"  # type: ignore[index]
    assert seen["limit"] == 7
    assert "/query" in result.output and "stopped" in result.output


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        pytest.param(["--timeout", "0"], "greater than 0", id="zero-timeout"),
        pytest.param(["--limit", "-1"], "greater than 0", id="negative-limit"),
        pytest.param(["--host", "256.0.0.1"], "cannot listen", id="bad-host"),
    ],
)
def test_bad_options_exit_2(app: typer.Typer, built_db: Path, extra: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(built_db), "--port", "0", *extra])
    assert result.exit_code == 2
    assert message in " ".join(result.output.split())


def test_missing_store_exits_2(app: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "nothing"), "--port", "0"])
    assert result.exit_code == 2
    assert "kg build" in " ".join(result.output.split())
