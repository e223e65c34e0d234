"""`nap new`: a commented template that validates, never overwriting."""

from __future__ import annotations

from conftest import Repo

NEW = "plans/2021/south-hc.yaml"


def test_template_is_commented_and_validates(mini: Repo) -> None:
    result = mini.nap("new", "south-hc", "2021")
    assert result.exit_code == 0, result.stderr
    text = mini.read(NEW)
    assert text.startswith("# yaml-language-server: $schema=../../schema/plan.schema.json\n")
    assert "REQUIRED" in text and "# budget:" in text
    assert "pillar: participation   # REQUIRED: one of: participation, protection" in text
    checked = mini.validate(NEW)
    assert checked.exit_code == 0
    # a draft is allowed to be incomplete: warnings only
    assert {f["rule"] for f in checked.findings} == {"plan-incomplete"}
    assert mini.nap("fmt", "--check", NEW).exit_code == 0


def test_never_overwrites(mini: Repo) -> None:
    mini.write(NEW, "# my work\n")
    result = mini.nap("new", "south-hc", "2021")
    assert result.exit_code == 2
    assert "already exists" in result.stderr
    assert mini.read(NEW) == "# my work\n"


def test_unknown_body_and_year_outside_period(mini: Repo) -> None:
    assert mini.nap("new", "nobody", "2021").exit_code == 2
    result = mini.nap("new", "south-hc", "2030")
    assert result.exit_code == 2
    assert "outside the plan period 2019-2021" in result.stderr
    assert not mini.path("plans/2030").exists()


def test_refuses_on_a_broken_framework(mini: Repo) -> None:
    mini.edit("plans/nap.yaml", ("currency: XAF", "currency: 12"))
    result = mini.nap("new", "south-hc", "2021")
    assert result.exit_code == 1
    assert "run nap validate" in result.stderr
