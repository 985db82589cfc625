"""Charts draw Chinese on a fresh install: a machine with no CJK font at all gets the shipped
subset of Noto Sans CJK SC, and the font ships with the licence that allows it."""

from __future__ import annotations

import fnmatch
import tomllib
import warnings
from datetime import date

from fontTools.ttLib import TTFont

from reports.chart_fonts import SHIPPED_FAMILY, SHIPPED_FONT, fonts_among
from reports.charts import weekly_chart, weekly_figure
from tests.conftest import ROOT, SHANGHAI
from tickets.figures import Figures
from tickets.taxonomy import Taxonomy

START, END = date(2026, 11, 16), date(2026, 11, 23)


def test_a_machine_without_any_font_draws_chinese_with_the_shipped_one(
    taxonomy: Taxonomy,
) -> None:
    fonts = fonts_among(set())  # a fresh server: not one font family of its own
    assert fonts.cjk
    assert fonts.families[0] == SHIPPED_FAMILY
    # Every department and road of the example config, and the chart's own words, as they are.
    for text in (
        *(d.name for d in taxonomy.departments.values()),
        *taxonomy.roads,
        "工单数",
        "按期结案率",
        "胜利路周报 2026-11-16 至 2026-11-22",
    ):
        assert fonts.readable(text) == text, text


def test_a_cjk_family_that_cannot_be_loaded_is_passed_over_for_the_shipped_one() -> None:
    fonts = fonts_among({"DejaVu Sans", "No Such CJK Font"})  # listed, but no file behind it
    assert fonts.cjk and fonts.families[0] == SHIPPED_FAMILY


def test_the_chart_has_chinese_labels_and_no_missing_glyphs() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figure = weekly_figure(
            [],
            {"sanitation": Figures()},
            start=START,
            end=END,
            zone=SHANGHAI,
            department_names={"sanitation": "环卫所"},
            title="胜利路周报",
            language="zh",
        )
        png = weekly_chart(
            [],
            {"sanitation": Figures()},
            start=START,
            end=END,
            zone=SHANGHAI,
            department_names={"sanitation": "环卫所"},
            title="胜利路周报",
        )
    assert figure.axes[0].get_ylabel() == "工单数"
    assert figure.get_suptitle() == "胜利路周报"
    assert [label.get_text() for label in figure.axes[1].get_yticklabels()] == ["环卫所"]
    assert png.startswith(b"\x89PNG")
    assert [str(w.message) for w in caught] == []


def test_the_shipped_font_carries_its_licence_and_a_name_of_its_own() -> None:
    licence = SHIPPED_FONT.with_name("OFL.txt").read_text("utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Copyright 2014-2021 Adobe" in licence
    names = TTFont(SHIPPED_FONT)["name"]
    assert "Open Font License" in (names.getDebugName(13) or "")
    # The OFL keeps the Reserved Font Name ("Source") off a Modified Version such as a subset.
    family = names.getDebugName(1) or ""
    assert family == SHIPPED_FAMILY and "Source" not in family
    assert SHIPPED_FONT.stat().st_size < 2_000_000  # a subset, not a 16 MB face


def test_the_font_and_its_licence_are_package_data() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    patterns = project["tool"]["setuptools"]["package-data"]["reports"]
    for shipped in (SHIPPED_FONT, SHIPPED_FONT.with_name("OFL.txt")):
        relative = shipped.relative_to(ROOT / "reports").as_posix()
        assert any(fnmatch.fnmatch(relative, pattern) for pattern in patterns), relative
