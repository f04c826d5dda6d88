"""The report and reminder documents written once per test run, for the tests that read them
in LibreOffice."""

from __future__ import annotations

import subprocess
from pathlib import Path

from helpers.cli import Cli
from helpers.ledgers import add_narrative, add_sample, copy_shipped

OFFICE_FILES = {
    "q2-zh.docx": ("report", "--quarter", "2022Q2", "--format", "docx"),
    "q2-en.docx": ("--lang", "en", "report", "--quarter", "2022Q2", "--format", "docx"),
    "q2-sheet.xlsx": ("report", "--quarter", "2022Q2", "--format", "xlsx"),
    "trend-zh.docx": ("trend", "--format", "docx"),
    "y2022-zh.docx": ("report", "--year", "2022", "--format", "docx"),
}
LETTER = "人行丰都支行.docx"
FORM = "县商务委-2022年6月.xlsx"  # the form of `form --month 2022-06`, under forms/


def write_office_files(folder: Path) -> None:
    ledger = add_narrative(add_sample(copy_shipped(folder / "data")))
    office = Cli(ledger)
    for name, args in OFFICE_FILES.items():
        result = office(*args, "--output", str(folder / name))
        assert result.exit_code == 0, result.stderr
    (folder / "remind").mkdir()
    result = office(
        "remind",
        "--as-of",
        "2022-07-20",
        "--unit",
        LETTER.removesuffix(".docx"),
        "--format",
        "docx",
        "--output-dir",
        str(folder / "remind"),
    )
    assert result.exit_code == 0, result.stderr
    forms = folder / "forms"
    result = office("form", "--month", "2022-06", "--unit", "县商务委", "--output-dir", str(forms))
    assert result.exit_code == 0, result.stderr


def convert_to_pdf(sources: list[Path], folder: Path) -> None:
    """Every source laid out by LibreOffice as a pdf in folder, in ONE soffice run (each start
    costs seconds)."""
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
