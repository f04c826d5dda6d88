"""`init --from-plan`: a published plan becomes a ledger equal to the transcribed one."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from helpers.cli import Cli
from helpers.office import converted
from plan_files import (
    annex_rows,
    by_name,
    ledger_by_name,
    seed_file,
    seed_layout,
    shipped_registries,
    write_docx,
    write_html,
    write_xlsx,
)

ALIAS = "县卫健委=县卫生健康委"
SHIPPED_BY_NAME = by_name(*shipped_registries())


def imported(tmp_path, plan, *options, lang="zh"):
    """Run init --from-plan into tmp_path/ledger; the result and the ledger folder."""
    target = tmp_path / "ledger"
    result = Cli(target)("--lang", lang, "init", str(target), "--from-plan", str(plan), *options)
    return result, target


def test_the_seed_plan_imports_to_the_shipped_registries(tmp_path):
    seed = seed_file()
    if seed is None:
        pytest.skip("the seed plan (../shared/seed/000_ad05ac753dbc1a9c.txt) is not in this clone")
    result, ledger = imported(tmp_path, seed, "--alias", ALIAS)
    assert result.exit_code == 0, result.stderr
    assert ledger_by_name(ledger) == SHIPPED_BY_NAME
    report = (ledger / "import-report.md").read_text(encoding="utf-8")
    assert "--alias：“县卫健委”即“县卫生健康委”" in report


def test_without_the_alias_the_short_name_is_a_doubt_with_both_places(tmp_path):
    seed = seed_file()
    if seed is None:
        pytest.skip("the seed plan (../shared/seed/000_ad05ac753dbc1a9c.txt) is not in this clone")
    result, ledger = imported(tmp_path, seed)
    assert result.exit_code == 0, result.stderr
    report = (ledger / "import-report.md").read_text(encoding="utf-8")
    doubts = report.split("## 待核实（1）", 1)[1].split("##", 1)[0]
    assert "“县卫健委”可能是“县卫生健康委”的简称，未合并" in doubts
    assert "第 127 行；第 131 行" in doubts  # task 12's cell, task 13's cell
    names = ledger_by_name(ledger)
    assert names["tasks"][11][5][0] == "县卫健委"
    assert "县卫健委" in names["units"] and "县卫生健康委" in names["units"]


def test_the_annex_rebuilt_from_the_registries_imports_to_them(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_text(seed_layout(annex_rows()), encoding="utf-8")
    result, ledger = imported(tmp_path, plan, "--alias", ALIAS)
    assert result.exit_code == 0, result.stderr
    assert ledger_by_name(ledger) == SHIPPED_BY_NAME
    check = Cli(ledger)("check")
    assert check.exit_code == 0, check.stdout + check.stderr
    assert Cli(ledger)("status", "--as-of", "2022-07-20").exit_code == 0
    assert Cli(ledger)("report", "--quarter", "2022Q2", "--as-of", "2022-07-20").exit_code == 0
    forms = tmp_path / "forms"
    made = Cli(ledger)(
        "form", "--month", "2022-06", "--unit", "县商务委", "--output-dir", str(forms)
    )
    assert made.exit_code == 0, made.stderr
    assert [path.name for path in forms.iterdir()] == ["县商务委-2022年6月.xlsx"]


@pytest.mark.parametrize(
    "write", [write_docx, write_xlsx, write_html], ids=["docx", "xlsx", "html"]
)
def test_the_annex_as_a_table_in_each_file_kind_gives_the_same_registries(tmp_path, write):
    plan = write(tmp_path / f"plan.{write.__name__.removeprefix('write_')}", annex_rows())
    result, ledger = imported(tmp_path, plan, "--alias", ALIAS)
    assert result.exit_code == 0, result.stderr
    assert ledger_by_name(ledger) == SHIPPED_BY_NAME


def test_the_annex_as_a_pdf_from_libreoffice_gives_the_same_registries(tmp_path):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed: no pdf can be made from the docx")
    docx_file = write_docx(tmp_path / "plan.docx", annex_rows())
    [pdf] = converted([docx_file], tmp_path / "pdf", "pdf")
    result, ledger = imported(tmp_path, pdf, "--alias", ALIAS)
    assert result.exit_code == 0, result.stderr
    assert ledger_by_name(ledger) == SHIPPED_BY_NAME


@pytest.mark.parametrize(
    ("write", "places"),
    [
        (write_docx, ["table 1, row 16, cell 4; table 1, row 17, cell 3", "paragraph 8"]),
        (
            write_xlsx,
            ["sheet 'Sheet', cell D26; sheet 'Sheet', cell C27", "sheet 'Sheet', cell A8"],
        ),
    ],
    ids=["docx", "xlsx"],
)
def test_the_report_places_each_doubt_and_decision_in_the_source(tmp_path, write, places):
    plan = write(tmp_path / f"plan.{write.__name__.removeprefix('write_')}", annex_rows())
    result, ledger = imported(tmp_path, plan, lang="en")
    assert result.exit_code == 0, result.stderr
    report = (ledger / "import-report.md").read_text(encoding="utf-8")
    doubt, period = places
    assert f"add --alias 县卫健委=县卫生健康委 — {doubt}\n" in report
    assert f"1. a pilot period of 3 years: 2022-02-24 to 2025-02-23 — {period}\n" in report
    assert "| shangwuwei | 县商务委 | department | — | 7 | 7 |" in report
    assert "- tasks: 55\n- units: 37\n- of which groups and placeholders: 5\n" in report
    committed = subprocess.run(
        ["git", "ls-files"], cwd=ledger, capture_output=True, text=True, check=True
    ).stdout.split()
    assert {"import-report.md", "tasks.yaml", "units.yaml", "README.md"} <= set(committed)


def test_a_text_plan_saved_as_gb18030_reads_as_utf8(tmp_path):
    plan = tmp_path / "plan.txt"
    plan.write_bytes(seed_layout(annex_rows()).encode("gb18030"))
    result, ledger = imported(tmp_path, plan, "--alias", ALIAS)
    assert result.exit_code == 0, result.stderr
    assert ledger_by_name(ledger) == SHIPPED_BY_NAME
