"""Shared fixtures: ledgers in temporary folders, and the real CLI with a pinned environment."""

from __future__ import annotations

import base64
import contextlib
import json
import os
import select
import shutil
import subprocess
import sys
import textwrap
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from filelock import FileLock
from typer.testing import CliRunner

from pilotledger.cli import app
from pilotledger.store.yamlio import load_data

REPO = Path(__file__).resolve().parents[1]
SHIPPED = REPO / "data"
SEED_FILE = REPO.parent / "shared" / "seed" / "000_ad05ac753dbc1a9c.txt"
GOLDEN = Path(__file__).resolve().parent / "golden"
FIXTURES = Path(__file__).resolve().parent / "fixtures"

PINNED_ENV = {
    "PILOTLEDGER_LANG": "zh",
    "PILOTLEDGER_TODAY": "2022-07-20",
    "COLUMNS": "160",
    "NO_COLOR": "1",
    "TERM": "dumb",
}

MINI_UNITS = """\
units:
  - id: commerce
    name: 县商务委
    aliases: [商务委]
    name_en: County Commerce Commission
    kind: department
  - id: health
    name: 县卫生健康委
    aliases: [县卫健委]
    name_en: County Health Commission
    kind: department
  - id: finance
    name: 县财政局
    name_en: County Finance Bureau
    kind: department
  - id: all-related
    name: 各相关单位
    name_en: All related units
    kind: group
"""

MINI_TASKS = """\
plan:
  title: 测试方案
  issuer: 测试办
  issued: 2022-02-24
  start: 2022-02-24
  end: 2025-02-23
  report_day: 5
parts:
  - number: 1
    label: 一、
    title: 第一部分
sections:
  - number: 1
    label: （一）
    part: 1
    title: 第一节。
tasks:
  - number: 1
    section: 1
    text: 第一项任务。
    lead: [commerce]
    responsible: [health]
  - number: 2
    section: 1
    text: 第二项任务。
    lead: [health, commerce]
    responsible: [all-related]
    milestones:
      - due: 2022-06-30
        target: in_progress
"""


RECORD = """\
- id: r1
  task: 1
  date: 2022-03-10
  unit: commerce
  status: in_progress
  summary: 已启动
  recorded_at: 2022-03-11 09:00:00+08:00
"""
MARCH = "progress/2022-03.yaml"


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


class Cli:
    """Runs the real Typer app against one ledger folder, with a pinned environment."""

    def __init__(self, root: Path, env: dict[str, str] | None = None):
        self.root = root
        self.env = dict(PINNED_ENV, PILOTLEDGER_DATA=str(root), **(env or {}))
        self.runner = CliRunner()

    def __call__(
        self, *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> Result:
        result = self.runner.invoke(app, list(args), input=input, env=dict(self.env, **(env or {})))
        if result.exception and not isinstance(result.exception, SystemExit):
            raise result.exception
        return Result(result.exit_code, result.stdout, result.stderr)


@contextlib.contextmanager
def fifo_guard(*fifos: Path, seconds: float = 20.0):
    """For an in-process command beside FIFOs it must refuse without opening. Opening a FIFO
    waits for its other end, so a command that opened one after all would freeze the suite: after
    `seconds` this opens the other end of each (reading whatever is written), the command goes
    on, and the test fails naming the FIFO, as a subprocess with a timeout would."""
    finished = threading.Event()
    waited: list[str] = []

    def drain(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.set_blocking(fd, True)
            while os.read(fd, 1 << 16):
                pass
        os.close(fd)

    def release() -> None:
        if finished.wait(seconds):
            return
        for fifo in fifos:
            waited.append(str(fifo))
            with contextlib.suppress(OSError):  # a writer waiting for a reader
                reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
                threading.Thread(target=drain, args=(reader,), daemon=True).start()
            with contextlib.suppress(OSError):  # a reader waiting for a writer: it reads EOF
                os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    watchdog = threading.Thread(target=release, daemon=True)
    watchdog.start()
    try:
        yield
    finally:
        finished.set()
        watchdog.join()
    assert not waited, f"the command opened {waited} and waited on it instead of refusing it"


def write(root: Path, relative: str, text: str) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dedent(text), encoding="utf-8")
    return path


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


def copy_shipped(root: Path) -> Path:
    """A copy of the shipped Shizhu ledger at root, without progress."""
    shutil.copytree(SHIPPED, root, ignore=shutil.ignore_patterns(".cache", "*.lock"))
    (root / "progress").mkdir(exist_ok=True)
    for path in (root / "progress").glob("*.yaml"):
        path.unlink()
    return root


@pytest.fixture
def shipped(tmp_path: Path) -> Path:
    """A copy of the shipped Shizhu ledger, without progress."""
    return copy_shipped(tmp_path / "data")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A two-task ledger written inline, easy to reason about by hand."""
    root = tmp_path / "mini"
    write(root, "units.yaml", MINI_UNITS)
    write(root, "tasks.yaml", MINI_TASKS)
    (root / "progress").mkdir()
    return root


@pytest.fixture
def cli(shipped: Path) -> Cli:
    return Cli(shipped)


@pytest.fixture
def mini_cli(mini: Path) -> Cli:
    return Cli(mini)


MILESTONE = "    lead: [pboc-fengdu, commerce]\n"


def add_sample(root: Path) -> Path:
    """March–June 2022 progress and a milestone (task 40, 30 April) added to a shipped copy."""
    for path in (FIXTURES / "progress").glob("*.yaml"):
        shutil.copy(path, root / "progress" / path.name)
    tasks = root / "tasks.yaml"
    text = tasks.read_text(encoding="utf-8")
    assert text.count(MILESTONE) == 1
    milestone = (
        "    milestones:\n      - due: 2022-04-30\n        target: in_progress\n"
        "        note: 完成平台接入\n"
    )
    tasks.write_text(text.replace(MILESTONE, MILESTONE + milestone), encoding="utf-8")
    return root


def add_narrative(root: Path) -> Path:
    """Three records for the period reports: a late backfill with multi-line text (task 24,
    April), a late May report and a blocked June report of task 12 filed on the evening of its
    due day."""
    for path in (FIXTURES / "narrative").glob("*.yaml"):
        with open(root / "progress" / path.name, "a", encoding="utf-8") as month_file:
            month_file.write(path.read_text(encoding="utf-8"))
    return root


@pytest.fixture
def sample(shipped: Path) -> Path:
    """The shipped ledger with March–June 2022 progress and a milestone (task 40, 30 April)."""
    return add_sample(shipped)


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
def sample_once(tmp_path_factory) -> Path:
    """The `sample` ledger, shared read-only."""
    return add_sample(copy_shipped(tmp_path_factory.mktemp("sample-once") / "data"))


@pytest.fixture(scope="session")
def reported_once(tmp_path_factory) -> Path:
    """The `reported` ledger, shared read-only."""
    root = copy_shipped(tmp_path_factory.mktemp("reported-once") / "data")
    return add_narrative(add_sample(root))


def ledger_state(root: Path) -> dict[str, bytes]:
    """Every file of a ledger but its parse cache (which reading may write): what a test reading
    a shared ledger must leave as it found it."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".cache" not in path.relative_to(root).parts
    }


@contextlib.contextmanager
def left_unchanged(root: Path):
    """Fails the test that changed a shared ledger (such a test needs its own copy)."""
    before = ledger_state(root)
    yield
    assert ledger_state(root) == before, f"this test changed the shared ledger {root}"


@pytest.fixture
def reader(sample_once: Path) -> Cli:
    """The CLI on the shared `sample` ledger (sample_once), for a test whose commands only read
    it (a fresh copy and its first, uncached read cost more than most such tests); the test
    fails if it changed a file of the ledger."""
    with left_unchanged(sample_once):
        yield Cli(sample_once)


def once_per_run(tmp_path_factory, name: str, build) -> Path:
    """`build(folder)` run once for the whole test run, by whichever xdist worker asks first;
    the others wait on a lock and reuse the folder (a session fixture alone runs once per
    worker). A test must only read what is in it."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    folder = base / name
    with FileLock(str(base / f"{name}.lock")):
        if not (folder / ".complete").exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            build(folder)
            (folder / ".complete").touch()
    return folder


OFFICE_FILES = {
    "q2-zh.docx": ("report", "--quarter", "2022Q2", "--format", "docx"),
    "q2-en.docx": ("--lang", "en", "report", "--quarter", "2022Q2", "--format", "docx"),
    "q2-sheet.xlsx": ("report", "--quarter", "2022Q2", "--format", "xlsx"),
}
LETTER = "人行丰都支行.docx"
FORM = "县商务委-2022年6月.xlsx"


def _write_office_files(folder: Path) -> None:
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
    form = office(
        "form", "--month", "2022-06", "--unit", "县商务委", "--output-dir", str(folder / "forms")
    )
    assert form.exit_code == 0, form.stderr


@pytest.fixture(scope="session")
def office_files(tmp_path_factory) -> dict[str, Path]:
    """The 2022Q2 report of the `reported` ledger as zh and en docx and as xlsx, and the
    2022-07-20 reminder letter of 人行丰都支行 as docx, written once per run: python-docx takes
    a second or more per report, so each document is written once and read by every test that
    checks it (the `reported` ledger they came from is under "data"). Distinct stems, because
    LibreOffice names each pdf after its source."""
    folder = once_per_run(tmp_path_factory, "office", _write_office_files)
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

    def convert(folder: Path) -> None:
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

    folder = once_per_run(tmp_path_factory, "office-pdf", convert)
    pdfs = {name: folder / (Path(name).stem + ".pdf") for name in OFFICE_FILES}
    pdfs["remind/" + LETTER] = folder / (Path(LETTER).stem + ".pdf")
    pdfs["forms/" + FORM] = folder / (Path(FORM).stem + ".pdf")
    assert all(pdf.is_file() for pdf in pdfs.values()), pdfs
    return pdfs


def _init_ledger(folder: Path) -> None:
    ledger = folder / "origin"
    result = Cli(ledger)("init", str(ledger))
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="session")
def initialised(tmp_path_factory) -> Path:
    """One `pilotledger init` (registries, git repository, merge driver, first commit) per test
    run (once_per_run); `origin` hands each test its own copy (init bakes no path of its folder
    in)."""
    return once_per_run(tmp_path_factory, "initialised", _init_ledger) / "origin"


@pytest.fixture
def origin(initialised: Path, tmp_path: Path) -> Path:
    """A fresh ledger repository as `init` makes it, at tmp_path/origin."""
    ledger = tmp_path / "origin"
    shutil.copytree(initialised, ledger, symlinks=True)
    return ledger


def git(root: Path, *args: str) -> str:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
    )
    done = subprocess.run(
        ["git", *args], cwd=root, env=env, capture_output=True, text=True, check=True
    )
    return done.stdout


def pytest_addoption(parser):
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite golden files from the current output"
    )


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


def chromium() -> str | None:
    """Headless Chromium, for the tests that print html (they skip without it)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


NO_CHROMIUM = "headless Chromium is not installed here (.ci/run installs it in CI)"
# Headless, with the network cut off: a page asking for anything external fails.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--hide-scrollbars",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=127.0.0.1:9",
    "--proxy-bypass-list=<-loopback>",
)


class Browser:
    """One headless Chromium driven over its DevTools pipe (`--remote-debugging-pipe`: commands
    on its fd 3, answers on its fd 4, each a JSON message ending in NUL). Each page opens in a
    tab of its own, so every real-browser check of a worker pays one browser start (about 0.6 s
    of CPU) instead of one per page. `dom`, `screenshot` and `pdf` give what `--dump-dom`,
    `--screenshot` and `--print-to-pdf` (no header or footer) give for one page."""

    TIMEOUT = 60.0

    def __init__(self, profile: Path):
        commands_read, self._commands = os.pipe()
        self._answers, answers_write = os.pipe()

        def onto_fds_3_and_4() -> None:  # in the child, before exec
            # copies first: an original may sit on fd 3 or 4, which dup2 would overwrite
            copies = os.dup(commands_read), os.dup(answers_write)
            os.dup2(copies[0], 3)
            os.dup2(copies[1], 4)
            for fd in copies:
                if fd not in (3, 4):
                    os.close(fd)

        self.process = subprocess.Popen(
            [chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--remote-debugging-pipe"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            close_fds=False,  # fds 3 and 4 stay open; Python's own fds are close-on-exec
            preexec_fn=onto_fds_3_and_4,
        )
        os.close(commands_read)
        os.close(answers_write)
        self._buffer = b""
        self._events: list[dict] = []
        self._next_id = 0

    def _send(self, method: str, session: str | None = None, **params) -> dict:
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._receive()
            if answer.get("id") == self._next_id:
                assert "error" not in answer, (method, answer["error"])
                return answer["result"]
            self._events.append(answer)

    def _receive(self) -> dict:
        while b"\0" not in self._buffer:
            ready, _, _ = select.select([self._answers], [], [], self.TIMEOUT)
            chunk = os.read(self._answers, 1 << 20) if ready else b""
            assert chunk, "Chromium stopped answering"
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def _wait_for_load(self, session: str, loader: str) -> None:
        """Until the load event of the navigation `loader` (not that of the blank first page)."""
        while True:
            for event in self._events:
                params = event.get("params", {})
                if (
                    event.get("sessionId") == session
                    and event.get("method") == "Page.lifecycleEvent"
                    and params.get("name") == "load"
                    and params.get("loaderId") == loader
                ):
                    self._events.remove(event)
                    return
            self._events.append(self._receive())

    @contextlib.contextmanager
    def _page(self, url: str, width: int | None = None, height: int | None = None):
        """A new tab that has loaded url (its load event fired: its scripts have run)."""
        target = self._send("Target.createTarget", url="about:blank")["targetId"]
        session = self._send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        try:
            self._send("Page.enable", session)
            self._send("Page.setLifecycleEventsEnabled", session, enabled=True)
            if width:
                self._send(
                    "Emulation.setDeviceMetricsOverride",
                    session,
                    width=width,
                    height=height,
                    deviceScaleFactor=1,
                    mobile=False,
                )
            loader = self._send("Page.navigate", session, url=url)["loaderId"]
            self._wait_for_load(session, loader)
            yield session
        finally:
            self._send("Target.closeTarget", targetId=target)
            self._events = [e for e in self._events if e.get("sessionId") != session]

    def dom(self, url: str) -> str:
        """The page's DOM after its scripts ran, as html."""
        with self._page(url) as session:
            expression = "document.documentElement.outerHTML"
            found = self._send("Runtime.evaluate", session, expression=expression)
            return found["result"]["value"]

    def screenshot(self, url: str, width: int, height: int) -> bytes:
        """A png of the page in a window of width × height pixels."""
        with self._page(url, width, height) as session:
            return base64.b64decode(self._send("Page.captureScreenshot", session)["data"])

    def pdf(self, url: str) -> bytes:
        """The page printed as the browser prints it: paper from its CSS @page rule."""
        with self._page(url) as session:
            printed = self._send("Page.printToPDF", session, preferCSSPageSize=True)
            return base64.b64decode(printed["data"])

    def close(self) -> None:
        with contextlib.suppress(OSError):  # no answer awaited: the browser exits
            os.write(self._commands, b'{"id": 0, "method": "Browser.close"}\0')
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self._commands)
        os.close(self._answers)


@pytest.fixture(scope="session")
def browser(tmp_path_factory):
    """The worker's one headless Chromium (see Browser); a test using it skips without it."""
    if chromium() is None:
        pytest.skip(NO_CHROMIUM)
    started = Browser(tmp_path_factory.mktemp("chromium-profile"))
    yield started
    started.close()


def records(root: Path, month: str = "2022-03") -> list[dict]:
    return load_data((root / "progress" / f"{month}.yaml").read_text(encoding="utf-8")) or []


# Many processes recording at once (test_record: a short run; reliability: 16 processes).
WORKER = """
import sys
from pilotledger.cli import app
for i in range(int(sys.argv[2])):
    try:
        app(["record", "1", "--unit", "commerce", "--date", "2022-03-15", "--status", "in_progress",
             "--summary", f"进程{sys.argv[1]}第{i}条"], standalone_mode=False)
    except SystemExit as exit:
        if exit.code:
            raise
"""


def run_workers(root: Path, processes: int, each: int) -> None:
    env = dict(
        os.environ,
        PILOTLEDGER_DATA=str(root),
        PILOTLEDGER_LANG="en",
        PILOTLEDGER_TODAY="2022-07-20",
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(n), str(each)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for n in range(processes)
    ]
    errors = [worker.communicate()[1] for worker in workers]
    assert [worker.returncode for worker in workers] == [0] * processes, errors
