"""The LibreOffice conversion cache of the tests (helpers/office.converted): a document is laid
out again whenever its content changes, and only then."""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

import pytest

from helpers import office


def workbook(path: Path, sheet: str, saved_at: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr("docProps/core.xml", f"<modified>{saved_at}</modified>")
    return path


def test_the_key_ignores_the_save_time_and_nothing_else(tmp_path):
    first = office.conversion_key(workbook(tmp_path / "a.xlsx", "<v>1</v>", "10:00"), "pdf")
    resaved = office.conversion_key(workbook(tmp_path / "b.xlsx", "<v>1</v>", "10:05"), "pdf")
    changed = office.conversion_key(workbook(tmp_path / "c.xlsx", "<v>2</v>", "10:00"), "pdf")
    assert first == resaved
    assert changed != first
    assert office.conversion_key(tmp_path / "a.xlsx", "xlsx") != first


def test_only_what_changed_goes_to_libreoffice(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "OFFICE_CACHE", tmp_path / "venv" / "office-cache")
    (tmp_path / "venv").mkdir()
    given: list[list[str]] = []

    def soffice(sources, folder, target):
        given.append([source.name for source in sources])
        folder.mkdir(parents=True, exist_ok=True)
        for source in sources:
            (folder / f"{source.stem}.{target}").write_bytes(b"%PDF " + source.read_bytes()[:9])

    monkeypatch.setattr(office, "_soffice", soffice)
    one = workbook(tmp_path / "one.xlsx", "<v>1</v>", "10:00")
    two = workbook(tmp_path / "two.xlsx", "<v>2</v>", "10:00")
    [pdf_one, pdf_two] = office.converted([one, two], tmp_path / "run1", "pdf")
    assert given == [["one.xlsx", "two.xlsx"]]
    workbook(two, "<v>3</v>", "11:00")
    again = office.converted([one, two], tmp_path / "run2", "pdf")
    assert given[1:] == [["two.xlsx"]]
    assert [path.read_bytes() for path in again] == [
        pdf_one.read_bytes(),
        b"%PDF " + two.read_bytes()[:9],
    ]
    office.converted([one, two], tmp_path / "run3", "pdf")
    assert len(given) == 2  # nothing changed: LibreOffice is not started


@pytest.mark.parametrize("target", ["pdf", "xlsx"])
def test_a_source_libreoffice_did_not_convert_fails_the_test(tmp_path, monkeypatch, target):
    monkeypatch.setattr(office, "OFFICE_CACHE", tmp_path / "none" / "office-cache")
    monkeypatch.setattr(
        office, "_soffice", lambda sources, folder, target: folder.mkdir(parents=True)
    )
    with pytest.raises(AssertionError, match="LibreOffice made no"):
        office.converted([workbook(tmp_path / "x.xlsx", "<v/>", "1")], tmp_path / "out", target)


def test_a_pdfs_text_is_read_once_and_again_when_the_pdf_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "OFFICE_CACHE", tmp_path / "venv" / "office-cache")
    (tmp_path / "venv").mkdir()
    monkeypatch.setattr(office, "_poppler", lambda: "pdftotext version 22.02.0")
    ran: list[list[str]] = []

    def pdftotext(command, **options):
        ran.append(command)
        return subprocess.CompletedProcess(command, 0, stdout=f"text of {command[-2]}", stderr="")

    monkeypatch.setattr(office.subprocess, "run", pdftotext)
    pdf = tmp_path / "a.pdf"
    pdf.write_bytes(b"%PDF one")
    read = office.pdf_text.__wrapped__  # past the per-process memo, to the disk
    assert read(pdf, "-layout") == read(pdf, "-layout") == f"text of {pdf}"
    assert len(ran) == 1
    read(pdf, "-bbox")
    pdf.write_bytes(b"%PDF two")
    read(pdf, "-layout")
    assert [command[1:-2] for command in ran] == [["-layout"], ["-bbox"], ["-layout"]]
