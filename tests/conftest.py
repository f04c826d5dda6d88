"""Shared fixtures: ledgers in temporary folders, and the real CLI with a pinned environment.
Fixtures only: the helpers they use, and that tests import, live in tests/helpers/."""

from __future__ import annotations

import gc
import os
import shutil
from pathlib import Path

import pytest

from helpers.browser import NO_CHROMIUM, Browser, chromium
from helpers.cli import Cli
from helpers.ledgers import (
    GOLDEN,
    add_narrative,
    add_sample,
    copy_ledger,
    copy_shipped,
    init_ledger,
    left_unchanged,
    once_per_run,
    warmed,
    write_mini,
)
from helpers.office import FORM, LETTER, OFFICE_FILES, convert_to_pdf, write_office_files
from helpers.tmpfs import use_memory_temp_root


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    """The run's temporary folders on tmpfs where there is one (helpers/tmpfs.py); xdist's
    workers are handed folders under the controller's, so only the controller chooses."""
    if not hasattr(config, "workerinput") and config.option.basetemp is None:
        use_memory_temp_root()


def pytest_collection_finish(session):
    """What collection imported (the package, typer, pydantic, the test modules) lives as long
    as the worker: frozen, as `pilotledger.cli.main` freezes it, so that the collector never
    walks it again; and a collection per 20,000 new objects rather than 700, since a worker runs
    some 1,500 commands in one process where a clerk's runs one (GC took 3.3 s of a run's CPU,
    now about 1.3 s)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(20_000, 20, 20)


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from the current output"
    )


@pytest.fixture(autouse=True, scope="session")
def private_cache_key(tmp_path_factory):
    """The parse cache's key lives in the user's cache folder: one folder for the test run, as
    one user has one (every xdist worker authenticates the caches of what once_per_run built)."""
    folder = once_per_run(tmp_path_factory, "user-cache", lambda folder: None)
    saved = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    yield folder
    if saved is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = saved


@pytest.fixture(scope="session")
def shipped_template(tmp_path_factory) -> Path:
    """The shipped ledger once per run, read once so that its parse cache is written: a copy's
    first command then reads warm, as a clerk's ledger does after its first command (the cold
    read is the cache tests' and the `mini` ledger's)."""
    build = lambda folder: warmed(copy_shipped(folder / "data"))  # noqa: E731
    return once_per_run(tmp_path_factory, "shipped", build) / "data"


@pytest.fixture(scope="session")
def sample_template(tmp_path_factory) -> Path:
    """The `sample` ledger once per run, its cache written (see shipped_template)."""
    build = lambda folder: warmed(add_sample(copy_shipped(folder / "data")))  # noqa: E731
    return once_per_run(tmp_path_factory, "sample", build) / "data"


@pytest.fixture
def shipped(tmp_path: Path, shipped_template: Path) -> Path:
    """A copy of the shipped Shizhu ledger, without progress."""
    return copy_ledger(shipped_template, tmp_path / "data")


@pytest.fixture(scope="session")
def mini_template(tmp_path_factory) -> Path:
    """The `mini` ledger once per run, its cache written (see shipped_template)."""
    build = lambda folder: warmed(write_mini(folder / "mini"))  # noqa: E731
    return once_per_run(tmp_path_factory, "mini", build) / "mini"


@pytest.fixture
def mini(tmp_path: Path, mini_template: Path) -> Path:
    """A two-task ledger written inline (MINI_UNITS, MINI_TASKS), easy to reason about by hand."""
    return copy_ledger(mini_template, tmp_path / "mini")


@pytest.fixture
def cli(shipped: Path) -> Cli:
    return Cli(shipped)


@pytest.fixture
def mini_cli(mini: Path) -> Cli:
    return Cli(mini)


@pytest.fixture
def sample(shipped: Path, sample_template: Path) -> Path:
    """The shipped ledger with March–June 2022 progress and a milestone (task 40, 30 April), in
    the `shipped` fixture's folder (a test may ask for both)."""
    shutil.rmtree(shipped)
    return copy_ledger(sample_template, shipped)


@pytest.fixture
def run(sample: Path) -> Cli:
    """The CLI on the sample ledger (test_reports.py runs it on `reported` instead)."""
    return Cli(sample)


@pytest.fixture
def reported(sample: Path) -> Path:
    """The sample plus the three narrative records (see add_narrative)."""
    return add_narrative(sample)


# --- built once per session (per xdist worker) for tests that only read --------------------------
# A test using these must not change them: they are shared by every test of the worker.


@pytest.fixture(scope="session")
def sample_once(tmp_path_factory, sample_template: Path) -> Path:
    """The `sample` ledger, shared read-only."""
    return copy_ledger(sample_template, tmp_path_factory.mktemp("sample-once") / "data")


@pytest.fixture(scope="session")
def reported_once(tmp_path_factory, sample_template: Path) -> Path:
    """The `reported` ledger, shared read-only."""
    root = copy_ledger(sample_template, tmp_path_factory.mktemp("reported-once") / "data")
    return add_narrative(root)


@pytest.fixture
def reader(sample_once: Path) -> Cli:
    """The CLI on the shared `sample` ledger (sample_once), for a test whose commands only read
    it (a fresh copy and its first, uncached read cost more than most such tests); the test
    fails if it changed a file of the ledger."""
    with left_unchanged(sample_once):
        yield Cli(sample_once)


@pytest.fixture(scope="session")
def office_files(tmp_path_factory) -> dict[str, Path]:
    """The 2022Q2 report of the `reported` ledger as zh and en docx and as xlsx, and the
    2022-07-20 reminder letter of 人行丰都支行 as docx, written once per run: python-docx takes
    a second or more per report, so each document is written once and read by every test that
    checks it (the `reported` ledger they came from is under "data"). Distinct stems, because
    LibreOffice names each pdf after its source."""
    folder = once_per_run(tmp_path_factory, "office", write_office_files)
    files = {name: folder / name for name in OFFICE_FILES}
    return {
        **files,
        "remind": folder / "remind",
        "data": folder / "data",
        "forms": folder / "forms",
    }


@pytest.fixture(scope="session")
def office_pdfs(office_files: dict[str, Path], tmp_path_factory) -> dict[str, Path]:
    """Every document of office_files laid out by LibreOffice, in ONE soffice run for the whole
    test run (each start costs seconds): the pdf of each file, by the file's name."""
    if not (shutil.which("soffice") and shutil.which("pdftotext") and shutil.which("pdfinfo")):
        pytest.skip("LibreOffice, pdftotext or pdfinfo is not installed (.ci/run installs them)")
    sources = [office_files[name] for name in OFFICE_FILES] + [office_files["remind"] / LETTER]
    sources.append(office_files["forms"] / FORM)
    folder = once_per_run(
        tmp_path_factory, "office-pdf", lambda into: convert_to_pdf(sources, into)
    )
    pdfs = {name: folder / (Path(name).stem + ".pdf") for name in OFFICE_FILES}
    pdfs["remind/" + LETTER] = folder / (Path(LETTER).stem + ".pdf")
    pdfs["forms/" + FORM] = folder / (Path(FORM).stem + ".pdf")
    assert all(pdf.is_file() for pdf in pdfs.values()), pdfs
    return pdfs


@pytest.fixture(scope="session")
def initialised(tmp_path_factory) -> Path:
    """One `pilotledger init` (registries, git repository, merge driver, first commit) per test
    run (once_per_run); `origin` hands each test its own copy (init bakes no path of its folder
    in)."""
    return once_per_run(tmp_path_factory, "initialised", init_ledger) / "origin"


@pytest.fixture
def origin(initialised: Path, tmp_path: Path) -> Path:
    """A fresh ledger repository as `init` makes it, at tmp_path/origin."""
    ledger = tmp_path / "origin"
    shutil.copytree(initialised, ledger, symlinks=True)
    return ledger


@pytest.fixture
def golden(request):
    """Compare text with tests/golden/NAME, or rewrite it with --update-golden."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = GOLDEN / name
        if update or not path.exists():
            if not update:
                pytest.fail(
                    f"golden file {path} is missing; run pytest --update-golden and review it"
                )
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert text == path.read_text(encoding="utf-8"), f"output differs from golden file {path}"

    return check


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """The worker's one headless Chromium (see Browser); a test using it skips without it."""
    if chromium() is None:
        pytest.skip(NO_CHROMIUM)
    started = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield started
    started.close()
