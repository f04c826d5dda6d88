"""The report and reminder documents written once per test run, for the tests that read them
in LibreOffice."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import zipfile
from functools import cache
from pathlib import Path

from helpers.cli import Cli
from helpers.ledgers import REPO, add_narrative, add_sample, copy_shipped

OFFICE_FILES = {
    "q2-zh.docx": ("report", "--quarter", "2022Q2", "--format", "docx"),
    "q2-en.docx": ("--lang", "en", "report", "--quarter", "2022Q2", "--format", "docx"),
    "q2-sheet.xlsx": ("report", "--quarter", "2022Q2", "--format", "xlsx"),
    "q2-notice.docx": ("report", "--quarter", "2022Q2", "--as", "notice", "--format", "docx"),
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


@cache
def pdf_text(pdf: Path, *options: str) -> str:
    """What `pdftotext OPTIONS pdf -` prints. The pdfs of office_pdfs are LibreOffice's,
    served from its conversion cache byte for byte on a warm run, and pdftotext takes 0.1–0.2 s
    over a report (most of it loading the CJK fonts): its text is kept beside them, in
    OFFICE_CACHE, keyed by the pdf's bytes, the options and poppler's version, so that the same
    pdf is read once (a changed pdf, or Chromium's, which differs every run, is read again)."""
    key = hashlib.sha256(f"{_poppler()}\n{options}\n".encode() + pdf.read_bytes()).hexdigest()
    kept = OFFICE_CACHE / "pdftotext" / key
    if kept.is_file():
        return kept.read_text(encoding="utf-8")
    command = ["pdftotext", *options, str(pdf), "-"]
    text = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if OFFICE_CACHE.parent.is_dir():
        kept.parent.mkdir(parents=True, exist_ok=True)
        temporary = kept.with_name(f"{key}.{os.getpid()}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, kept)  # whole, for a worker reading at once
    return text


@cache
def _poppler() -> str:
    """pdftotext's version line (it prints it on stderr)."""
    done = subprocess.run(["pdftotext", "-v"], capture_output=True, text=True)
    return (done.stderr or done.stdout).strip()


def convert_to_pdf(sources: list[Path], folder: Path) -> None:
    """Every source laid out by LibreOffice as a pdf in folder (see converted)."""
    converted(sources, folder, "pdf")


def converted(sources: list[Path], folder: Path, target: str) -> list[Path]:
    """Every source converted by LibreOffice to `target` (pdf, or xlsx: saved again) in folder,
    named as soffice names it (the source's stem); returns those paths.

    Sources LibreOffice has converted before — the same content (a zip's members but its
    docProps/core.xml, whose save time changes on every run), the same LibreOffice build and
    the same fonts — are copied from the conversion cache instead (OFFICE_CACHE, inside the
    virtual environment, so a fresh clone and `make clean` start without it); the rest go
    through ONE soffice run (each start costs seconds). A changed renderer changes its
    document, so every change is still laid out by LibreOffice itself."""
    folder.mkdir(parents=True, exist_ok=True)
    store = OFFICE_CACHE if OFFICE_CACHE.parent.is_dir() else folder / "lo-cache"
    keys = {source: conversion_key(source, target) for source in sources}
    missing = [source for source in sources if not (store / keys[source]).is_file()]
    if missing:
        _soffice(missing, folder / "lo-run", target)
        store.mkdir(parents=True, exist_ok=True)
        for source in missing:
            made = folder / "lo-run" / f"{source.stem}.{target}"
            assert made.is_file(), f"LibreOffice made no {made.name}"
            temporary = store / f"{keys[source]}.{os.getpid()}.tmp"
            shutil.copyfile(made, temporary)
            os.replace(temporary, store / keys[source])  # whole, for a worker reading at once
    outputs = []
    for source in sources:
        outputs.append(folder / f"{source.stem}.{target}")
        shutil.copyfile(store / keys[source], outputs[-1])
    return outputs


OFFICE_CACHE = REPO / ".venv" / "office-cache"  # none where the suite runs without make's venv


def conversion_key(source: Path, target: str) -> str:
    content = hashlib.sha256(f"{_office_build()}\n{target}\n".encode())
    if zipfile.is_zipfile(source):
        with zipfile.ZipFile(source) as archive:
            for name in sorted(archive.namelist()):
                if name != "docProps/core.xml":
                    content.update(name.encode() + b"\0" + archive.read(name))
    else:
        content.update(source.read_bytes())
    return content.hexdigest()


@cache
def _office_build() -> str:
    """LibreOffice's build and the fonts it can use: a change to either converts again."""
    program = Path(shutil.which("soffice") or "soffice").resolve().parent
    version = program / "versionrc"
    build = version.read_text(errors="replace") if version.is_file() else str(program)
    fonts = sorted(
        os.path.join(root, name)
        for top in ("/usr/share/fonts", "/usr/local/share/fonts", str(Path.home() / ".fonts"))
        for root, _, names in os.walk(top)
        for name in names
    )
    return build + "\n".join(fonts)


def _soffice(sources: list[Path], folder: Path, target: str) -> None:
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            *map(str, sources),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
