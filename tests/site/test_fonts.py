"""Chinese text has a font wherever the project puts a browser, and the pages name common ones."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import regex

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
CJK_FONT_PACKAGES = ("fonts-wqy-microhei", "fonts-noto-cjk", "fonts-wqy-zenhei")
COMMON_FONTS = {
    "Windows": ("Microsoft YaHei", "SimSun"),
    "macOS": ("PingFang SC",),
    "Linux": ("Noto Sans CJK SC", "WenQuanYi Micro Hei"),
}


def test_every_script_that_installs_chromium_installs_a_cjk_font() -> None:
    installing = [
        p for p in SCRIPTS.glob("*.sh") if regex.search(r"apt_install[^\n]*\bchromium\b", p.read_text())
    ]
    assert installing, "no script installs chromium any more: update this test"
    for script in installing:
        line = next(x for x in script.read_text().splitlines() if "apt_install" in x and "chromium" in x)
        assert any(pkg in line for pkg in CJK_FONT_PACKAGES), (
            f"{script.name} installs chromium without a CJK font"
        )


def test_the_stylesheet_names_fonts_of_common_systems() -> None:
    css = resources.files("kg.site").joinpath("static/site.css").read_text(encoding="utf-8")
    body = regex.search(r"body\s*\{[^}]*font:([^;]+);", css)
    assert body, "no font in the body rule"
    stack = body[1]
    for system, fonts in COMMON_FONTS.items():
        for font in fonts:
            assert f'"{font}"' in stack or font in stack, f"{system}: {font} missing from {stack}"
    assert stack.rstrip().endswith("sans-serif")
