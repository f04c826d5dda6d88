"""`make bench`: wall time and peak memory of pilotledger at 10k, 100k and 1M records.

Generates synthetic ledgers (benchmarks/synth.py) under benchmarks/work/ (git-ignored),
runs each command as a child process several times and reports the median wall time and the
peak resident memory (from the child's rusage). In the same run it measures the floors:
reading the bytes, PyYAML + libyaml parsing the same files, orjson loading the cache, and
ledger-cli `balance` on an equivalent journal when `ledger` is installed.

It ends with the targets as ratios measured in the same run: start-up against
`python -c "import typer, pydantic"`, and the cold read of 100k records (month files parsed
across the cores) against the single-process PyYAML + libyaml parse of the same files.

Usage: python benchmarks/bench.py [--quick] [--site-only] [--intake-only] [--bounds-only]
                                  [--cold-only] [--startup-only] [--import-only]
                                  [--site-scale-only [--scales N...]] [--out FILE]
  --quick         10k and 100k only, fewer runs (a few minutes instead of ~15)
  --site-only     only `site` for the 6,000-record county ledger (goal: under 3 s warm), printed
  --intake-only   only `intake` of a month's forms (75, 150, 300 rows) on the 6,000-record
                  ledger against one `record --yes` (target ≤ 3× at ≈150 rows), printed
  --bounds-only   only the time bounds on hostile input (check on 1 MB of invalid records,
                  1 MB of blank lines, a 10 MB valid month, a 1 MB correction chain), printed,
                  results.md untouched
  --cold-only     only the cold `check` of 100k records against the PyYAML floor (pooled and
                  on one process, wall and CPU seconds), printed, results.md untouched
  --startup-only  only the start-up ratios against `import typer, pydantic` (41 runs each, in
                  turns), printed, results.md untouched
  --import-only   only `init --from-plan` of a generated 300-task plan (text, docx, xlsx, html)
                  against start-up (goal: under a second beyond it), printed
  --site-scale-only  only `site` for 500, 1,000 and 2,000 tasks × as many units (`--scales N…`
                  for others): seconds, peak RSS and the ratio to the scale before (linear ≈ 2
                  per doubling), printed, results.md untouched; not part of `make bench`
Children run from compiled bytecode, as an installed program does (see with_bytecode).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
WORK = HERE / "work"
sys.path.insert(0, str(HERE))

import synth  # noqa: E402
from synth import blank_month, correction_chain_month, generate, invalid_month, valid_month  # noqa: E402

COMMANDS = {
    "check": ["check"],
    "status": ["status", "--format", "plain"],
    "overdue": ["overdue", "--format", "plain"],
    "report --year": ["report", "--year", "2023", "--format", "plain"],
}


TIME = shutil.which("time") and Path("/usr/bin/time").exists()


def _timed(argv: list[str], env: dict, time_format: str | None) -> tuple[float, str]:
    """Wall seconds of one child process and, run under GNU time with `time_format` (its first
    word names it, e.g. "PEAK_KB=%M"), the last line GNU time printed ("" without it)."""
    prefix = ["/usr/bin/time", "-f", time_format] if time_format else []
    start = time.perf_counter()
    done = subprocess.run(
        prefix + argv,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(
            f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}"
        )
    marker = time_format.split("=")[0] + "=" if time_format else None
    said = [
        line
        for line in done.stderr.decode(errors="replace").splitlines()
        if marker and line.startswith(marker)
    ]
    return wall, (said[-1] if said else "")


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process. Peak memory comes from GNU time,
    which forks the command from a small process: the rusage of a child forked from this
    (large) Python process would count pages it inherited before exec."""
    wall, said = _timed(argv, env, "PEAK_KB=%M" if TIME else None)
    return wall, (int(said[len("PEAK_KB=") :]) / 1024 if said else float("nan"))


def measure(argv, env, runs, before=None) -> tuple[float, float, int]:
    walls, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        wall, peak = run_once(argv, env)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks), runs


def measure_interleaved(commands: dict[str, list[str]], env, runs: int) -> dict[str, tuple]:
    """Each command `runs` times, taking turns, so that a busy moment on the machine falls on
    all of them alike (the ratios between them are what the targets are about)."""
    walls: dict[str, list[float]] = {key: [] for key in commands}
    peaks: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, argv in commands.items():
            wall, peak = run_once(argv, env)
            walls[key].append(wall)
            peaks[key].append(peak)
    return {key: (statistics.median(walls[key]), max(peaks[key]), runs) for key in commands}


def cold_against_floor(table: Table, ledger: Path, env: dict, runs: int) -> dict[str, tuple]:
    """Cold `check` (parsed across the cores), the same on one process, and the PyYAML floor,
    taking turns."""
    one = dict(env, PILOTLEDGER_WORKERS="1")
    results = {"pool": [], "one": [], "floor": []}
    for _ in range(runs):
        for key, argv, run_env in (
            ("pool", pilotledger(ledger, "check"), env),
            ("one", pilotledger(ledger, "check"), one),
            ("floor", floor_script("pyyaml", ledger), env),
        ):
            clear_cache(ledger)
            results[key].append(run_once(argv, run_env))
    summary = {
        key: (statistics.median(w for w, _ in values), max(p for _, p in values), runs)
        for key, values in results.items()
    }
    table.add("100k", f"check, cores in use: {os.cpu_count()} (turns)", "cold", summary["pool"])
    table.add("100k", "check, one process (turns)", "cold", summary["one"])
    table.add("100k", "floor: PyYAML CSafeLoader parse (turns)", "—", summary["floor"])
    return summary


COLD_TARGET = 0.8  # cold `check` of 100k records, parsed across the cores, ÷ the PyYAML floor


def cold_report(env: dict, runs: int) -> str:
    """Only the cold-read target: cold `check` of 100k records (pooled, and on one process)
    against the PyYAML floor, taking turns, with wall and CPU seconds (user + system, the
    pool's workers included): on a machine busy with other work the wall times grow, the CPU
    times much less."""
    ledger = generate(WORK / "ledger-100k", 100_000, REPO / "data")
    cases = {
        f"check, cores in use: {os.cpu_count()}": (
            pilotledger(ledger, "check"),
            env,
        ),
        "check, one process": (pilotledger(ledger, "check"), dict(env, PILOTLEDGER_WORKERS="1")),
        "floor: PyYAML CSafeLoader parse": (floor_script("pyyaml", ledger), env),
    }
    results: dict[str, list[tuple[float, float]]] = {what: [] for what in cases}
    load_at_start = os.getloadavg()[0]
    for _ in range(runs):
        for what, (argv, run_env) in cases.items():
            clear_cache(ledger)
            results[what].append(_wall_and_cpu(argv, run_env))
    medians = {
        what: (statistics.median(w for w, _ in got), statistics.median(c for _, c in got))
        for what, got in results.items()
    }
    floor_wall, floor_cpu = medians["floor: PyYAML CSafeLoader parse"]
    lines = [
        f"Cold read of 100k records on {machine()}; load average (1 min) {load_at_start:.1f} at "
        f"the start, {os.getloadavg()[0]:.1f} at the end; median of {runs} runs in turns.",
        "",
        "| run | wall s | CPU s | wall ÷ floor | CPU ÷ floor |",
        "|---|---:|---:|---:|---:|",
    ]
    for what, (wall, cpu) in medians.items():
        lines.append(
            f"| {what} | {wall:.3f} | {cpu:.3f} | {wall / floor_wall:.2f}× | "
            f"{cpu / floor_cpu:.2f}× |"
        )
    pooled = next(iter(medians.values()))[0] / floor_wall
    held = "held" if pooled <= COLD_TARGET else "NOT held"
    lines.append(f"\nTarget: pooled ≤ {COLD_TARGET}× the floor's wall time: {pooled:.2f}×, {held}.")
    return "\n".join(lines)


def targets(startup: dict[str, tuple], cold: dict[str, tuple] | None) -> str:
    """The issue's ratios, each against its reference measured in the same run (the cold read
    left out when `cold` is None)."""
    libraries = startup["libraries"][0]
    rows = [
        ("`record --help` ≤ 1.5× the libraries", startup["record --help"][0], libraries, 1.5),
        *(
            (f"warm `{name}`, 6k records, ≤ 1.5× the libraries", startup[name][0], libraries, 1.5)
            for name in STATUS_RUNS
        ),
    ]
    if cold is not None:
        rows.append(
            (
                f"cold `check`, 100k records, ≤ {COLD_TARGET}× the PyYAML floor",
                cold["pool"][0],
                cold["floor"][0],
                COLD_TARGET,
            )
        )
    lines = ["| target | measured ratio | held |", "|---|---:|---|"]
    for what, seconds, reference, limit in rows:
        ratio = seconds / reference
        lines.append(f"| {what} | {ratio:.2f}× | {'yes' if ratio <= limit else 'no'} |")
    lines.append(f"\nLibraries (`import typer, pydantic`): {libraries:.3f} s.")
    if cold is not None:
        floor, one = cold["floor"][0], cold["one"][0]
        lines.append(
            f"PyYAML floor, 100k: {floor:.3f} s; cold `check` on one process: {one:.3f} s "
            f"({one / floor:.2f}×)."
        )
    return "\n".join(lines)


def pilotledger(ledger: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "pilotledger", "--data", str(ledger), *args]


def clear_cache(ledger: Path) -> None:
    shutil.rmtree(ledger / ".cache", ignore_errors=True)


def floor_script(kind: str, ledger: Path) -> list[str]:
    code = {
        "read": "import sys,pathlib\n"
        "for p in sorted(pathlib.Path(sys.argv[1],'progress').glob('*.yaml')): "
        "p.read_bytes().decode()",
        "pyyaml": "import sys,pathlib,gc,yaml\ngc.disable()\n"
        "for p in sorted(pathlib.Path(sys.argv[1],'progress').glob('*.yaml')): "
        "yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)",
        "orjson": "import sys,pathlib,orjson\n"
        "for p in sorted(pathlib.Path(sys.argv[1],'.cache').rglob('*.rows.json')): "
        "orjson.loads(p.read_bytes().split(b'\\n',1)[1])",
    }[kind]
    return [sys.executable, "-c", code, str(ledger)]


def ledger_journal(source: Path, target: Path) -> Path:
    """An equivalent ledger-cli journal: one transaction per progress record."""
    with target.open("w", encoding="utf-8") as out:
        for path in sorted((source / "progress").glob("*.yaml")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.startswith("  date: "):
                    day = line[8:]
                elif line.startswith("  unit: "):
                    unit = line[8:]
                elif line.startswith("  progress: "):
                    out.write(
                        f"{day.replace('-', '/')} 进展\n    Units:{unit}  {line[12:]} PCT\n   "
                        f" Plan:total\n\n"
                    )
    return target


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple] = []

    def add(self, scale: str, what: str, cache: str, result) -> None:
        wall, peak, runs = result
        self.rows.append((scale, what, cache, f"{wall:.3f}", f"{peak:.0f}", str(runs)))
        print(
            f"  {scale:>6}  {what:<32} {cache:<6} {wall:8.3f} s {peak:8.0f} MB  ({runs} runs)",
            flush=True,
        )

    def markdown(self) -> str:
        lines = [
            "| records | command | cache | median s | peak MB | runs |",
            "|---:|---|---|---:|---:|---:|",
        ]
        lines += [f"| {' | '.join(row)} |" for row in self.rows]
        return "\n".join(lines)


def machine() -> str:
    cpu = (
        next(
            (
                line.split(":", 1)[1].strip()
                for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")
            ),
            platform.processor(),
        )
        if Path("/proc/cpuinfo").exists()
        else ""
    )
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} "
        f"{platform.release()}, {dt.date.today().isoformat()}"
    )


def bench_scale(
    table: Table, total: int, label: str, env: dict, runs: int, cold_runs: int, pyyaml: bool
) -> Path:
    ledger = generate(WORK / f"ledger-{label}", total, REPO / "data")
    print(f"{label}: {total} records", flush=True)
    for name, args in COMMANDS.items():
        if cold_runs:
            table.add(
                label,
                name,
                "cold",
                measure(pilotledger(ledger, *args), env, cold_runs, lambda: clear_cache(ledger)),
            )
    run_once(pilotledger(ledger, "check"), env)  # fill the cache
    for name, args in COMMANDS.items():
        table.add(label, name, "warm", measure(pilotledger(ledger, *args), env, runs))
    table.add(
        label,
        "floor: read + decode the YAML",
        "—",
        measure(floor_script("read", ledger), env, runs),
    )
    table.add(
        label,
        "floor: orjson load of the cache",
        "—",
        measure(floor_script("orjson", ledger), env, runs),
    )
    if pyyaml:
        table.add(
            label,
            "floor: PyYAML CSafeLoader parse",
            "—",
            measure(floor_script("pyyaml", ledger), env, 1),
        )
    record_args = RECORD_ARGS
    table.add(
        label,
        f"record (month of {total // 36 + 1:,} records)",
        "warm",
        measure(pilotledger(ledger, *record_args), env, runs),
    )
    if shutil.which("ledger"):
        journal = ledger_journal(ledger, WORK / f"journal-{label}.dat")
        table.add(
            label,
            "ledger-cli balance (same records)",
            "—",
            measure(["ledger", "-f", str(journal), "balance"], env, runs),
        )
    return ledger


SITE_GOAL_SECONDS = 3.0


def site_report(ledger: Path, env: dict, runs: int) -> str:
    """`site` for a county's three years (6,000 records, warm cache; goal under 3 s): into a new
    folder (every page written), and again with nothing changed (nothing written). Wall and CPU
    seconds, so that a machine busy with other work can be told from a slow command."""
    folder = WORK / "site-county"
    argv = pilotledger(ledger, "site", "--output-dir", str(folder))
    lines = ["| case | wall s | CPU s | ≤ 3 s | runs |", "|---|---:|---:|---|---:|"]
    for what, fresh in (
        ("new folder (every page written)", True),
        ("nothing changed (none written)", False),
    ):
        walls, cpus = [], []
        for _ in range(runs):
            if fresh:
                shutil.rmtree(folder, ignore_errors=True)
            wall, cpu = _wall_and_cpu(argv, env)
            walls.append(wall)
            cpus.append(cpu)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        held = (
            "held"
            if wall <= SITE_GOAL_SECONDS
            else ("CPU held (wall: a busy machine)" if cpu <= SITE_GOAL_SECONDS else "NOT held")
        )
        lines.append(f"| {what} | {wall:.3f} | {cpu:.3f} | {held} | {runs} |")
        print(f"  site  {what:<34} wall {wall:6.3f} s cpu {cpu:6.3f} s {held}", flush=True)
    return (
        "## Site (6k records)\n\n`pilotledger site` on the 6,000-record county ledger, warm, "
        f"measured by `make bench` on {machine()}; median of {runs} runs, start-up included.\n\n"
        + "\n".join(lines)
        + "\n"
    )


SITE_SCALES = (500, 1_000, 2_000)  # tasks, and as many units


def _wall_cpu_peak(argv: list[str], env: dict) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (MB) of one child process, from
    GNU time (see run_once); CPU is NaN without it."""
    if not TIME:
        wall, cpu = _wall_and_cpu(argv, env)
        return wall, cpu, float("nan")
    wall, line = _timed(argv, env, "PEAK_KB=%M CPU=%U %S")
    said = line.split()
    peak = int(said[0][len("PEAK_KB=") :]) / 1024
    cpu = float(said[1][len("CPU=") :]) + float(said[2])
    return wall, cpu, peak


def site_scale_report(env: dict, runs: int, scales=SITE_SCALES) -> str:
    """`site` into a new folder for N tasks × N units (benchmarks/synth.wide_ledger: 3 records
    a task, 57 period reports, as-of 2025-02-28), warm, for each N of `scales`: wall and CPU
    seconds, peak RSS, and each against the scale before it (×2 the registries: ≈ 2 is linear)."""
    lines = [
        "| tasks × units | pages | wall s | CPU s | peak MB | CPU ratio | peak ratio | runs |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    before = None
    for count in scales:
        ledger = synth.wide_ledger(WORK / f"ledger-wide-{count}", count)
        run_once(pilotledger(ledger, "check"), env)  # fills the parse cache: a warm site
        folder = WORK / f"site-wide-{count}"
        argv = pilotledger(ledger, "site", "--output-dir", str(folder))
        measured = []
        for _ in range(runs):
            shutil.rmtree(folder, ignore_errors=True)
            measured.append(_wall_cpu_peak(argv, env))
        wall = statistics.median(m[0] for m in measured)
        cpu = statistics.median(m[1] for m in measured)
        peak = max(m[2] for m in measured)
        pages = sum(1 for _ in folder.rglob("*.html"))
        ratios = (
            ("—", "—") if before is None else (f"{cpu / before[0]:.2f}", f"{peak / before[1]:.2f}")
        )
        lines.append(
            f"| {count:,} × {count:,} | {pages:,} | {wall:.1f} | {cpu:.1f} | {peak:.0f} | "
            f"{ratios[0]} | {ratios[1]} | {runs} |"
        )
        print(
            f"  site  {count:>5} × {count:<5} wall {wall:6.1f} s cpu {cpu:6.1f} s "
            f"peak {peak:6.0f} MB  ratios {ratios[0]} / {ratios[1]}",
            flush=True,
        )
        before = (cpu, peak)
        shutil.rmtree(folder, ignore_errors=True)
    return (
        "## Site against the registries' size\n\n`pilotledger site` into a new folder for N "
        "tasks × N units (3 records a task, 57 period reports), warm, measured by "
        f"`bench.py --site-scale-only` on {machine()}; median of {runs} run(s), start-up "
        "included. Each ratio is against the row above, whose registries are half as big: "
        "about 2 is linear.\n\n" + "\n".join(lines) + "\n"
    )


INTAKE_GOAL_RATIO = 3.0
INTAKE_MONTH = "2025-01"
INTAKE_ROWS = (75, 150, 300)  # ≈150 is a county month; the others show how it grows


def _filled_forms(county: Path, env: dict, rows: int) -> list[Path]:
    """The county's January 2025 forms (from `form`), `rows` rows filled across the units in
    turn, each with a status, progress and a sentence, as a unit's clerk fills them."""
    from openpyxl import load_workbook

    blank = WORK / "forms-blank"
    if not blank.is_dir():
        subprocess.run(
            pilotledger(county, "form", "--month", INTAKE_MONTH, "--output-dir", str(blank)),
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    folder = WORK / f"forms-{rows}"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    books = {path: load_workbook(path) for path in sorted(blank.glob("*.xlsx"))}
    sheets = {path: book.worksheets[0] for path, book in books.items()}
    capacity = {path: sheet.max_row - 6 for path, sheet in sheets.items()}
    filled = {path: 0 for path in books}
    for _ in range(rows):
        path = min((p for p in books if filled[p] < capacity[p]), key=lambda p: filled[p])
        row = 7 + filled[path]
        sheet = sheets[path]
        sheet[f"F{row}"], sheet[f"G{row}"] = "推进中", 60
        sheet[f"I{row}"] = f"一月完成第 {sheet[f'A{row}'].value} 项任务的阶段工作，已报县政府"
        filled[path] += 1
    for path, book in books.items():
        if filled[path]:
            book.save(folder / path.name)
    return sorted(folder.glob("*.xlsx"))


def _restoring(county: Path):
    """A snapshot of progress/ and evidence/ and a function that puts them back (so every run
    starts from the same 6,000 records), followed by one untimed `check` to warm the cache."""
    saved = {path: path.read_bytes() for path in (county / "progress").glob("*.yaml")}

    def restore(env: dict) -> None:
        for path in (county / "progress").glob("*.yaml"):
            if path not in saved:
                path.unlink()
        for path, content in saved.items():
            if path.read_bytes() != content:
                path.write_bytes(content)
        shutil.rmtree(county / "evidence", ignore_errors=True)
        run_once(pilotledger(county, "check"), env)

    return restore


def intake_report(county: Path, env: dict, runs: int) -> str:
    """`intake` of a month's forms for every unit on the 6,000-record ledger, as a ratio to
    one `record --yes` in the same run (target ≤ 3×), at 75, 150 and 300 rows (linear in
    rows). Each run starts from the same ledger, warm; wall and CPU seconds."""
    forms = {rows: _filled_forms(county, env, rows) for rows in INTAKE_ROWS}
    restore = _restoring(county)
    argv = {"record --yes": pilotledger(county, *RECORD_ARGS, "--yes")}
    for rows, files in forms.items():
        argv[f"intake {rows} rows"] = pilotledger(
            county, "intake", *map(str, files), "--received-at", "2025-02-03", "--yes"
        )
    walls = {what: [] for what in argv}
    cpus = {what: [] for what in argv}
    for _ in range(runs):
        for what, command in argv.items():
            restore(env)
            wall, cpu = _wall_and_cpu(command, env)
            walls[what].append(wall)
            cpus[what].append(cpu)
    restore(env)
    wall = {what: statistics.median(values) for what, values in walls.items()}
    cpu = {what: statistics.median(values) for what, values in cpus.items()}
    reference = wall["record --yes"]
    lines = [
        "| command | files | wall s | CPU s | × record | runs |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for what in argv:
        count = len(forms[int(what.split()[1])]) if what.startswith("intake") else 1
        ratio = wall[what] / reference
        lines.append(
            f"| {what} | {count} | {wall[what]:.3f} | {cpu[what]:.3f} | {ratio:.2f}× | {runs} |"
        )
        print(f"  {what:<20} wall {wall[what]:6.3f} s  cpu {cpu[what]:6.3f} s  {ratio:5.2f}×")
    low, mid, high = (wall[f"intake {rows} rows"] for rows in INTAKE_ROWS)
    first, second = (
        (mid - low) / (INTAKE_ROWS[1] - INTAKE_ROWS[0]),
        (high - mid) / (INTAKE_ROWS[2] - INTAKE_ROWS[1]),
    )
    held = "held" if wall["intake 150 rows"] / reference <= INTAKE_GOAL_RATIO else "NOT held"
    linear = "linear" if second <= 2 * max(first, 0.001) else "NOT linear"
    return (
        "## Intake (6k records)\n\n`pilotledger intake` of a month's returned forms (every unit,"
        " rows filled in turn) on the 6,000-record county ledger, warm, against one `record"
        f" --yes` in the same run, measured by `make bench` on {machine()}; median of {runs}"
        " runs, start-up included.\n\n"
        + "\n".join(lines)
        + f"\n\n150 rows: {wall['intake 150 rows'] / reference:.2f}× one record (target ≤"
        f" {INTAKE_GOAL_RATIO:.0f}×: {held}); per added row {first * 1000:.1f} ms from 75 to 150"
        f" rows and {second * 1000:.1f} ms from 150 to 300 ({linear}).\n"
    )


BOUND_SECONDS_PER_MB = 1.0

# One record appended in the record benchmarks (task 1's lead unit, a day inside the plan).
RECORD_ARGS = [
    "record",
    "1",
    "--unit",
    "science-tech",
    "--date",
    "2025-02-20",
    "--status",
    "in_progress",
    "--summary",
    "基准测试记录",
]


def bench_bounds(env: dict, runs: int) -> str:
    """Time bounds on hostile input: `check`, cold, on files built to be slow. Each must take at
    most BOUND_SECONDS_PER_MB per MB of input (start-up included)."""
    cases = [
        (
            "1 MB month of 4,000 invalid records",
            invalid_month(WORK / "bounds-invalid", REPO / "data"),
        ),
        ("1 MB of blank lines", blank_month(WORK / "bounds-blank", REPO / "data")),
        ("10 MB valid month", valid_month(WORK / "bounds-valid", REPO / "data")),
        (
            "1 MB correction chain (each record corrects the last)",
            correction_chain_month(WORK / "bounds-chain", REPO / "data"),
        ),
    ]
    lines = [
        "| input | MB | `check` wall s | CPU s | wall s per MB | CPU s per MB | ≤ 1 s/MB | runs |",
        "|---|---:|---:|---:|---:|---:|---|---:|",
    ]
    for what, ledger in cases:
        size = (ledger / "progress" / "2022-03.yaml").stat().st_size / (1 << 20)
        walls, cpus = [], []
        for _ in range(runs):
            clear_cache(ledger)
            wall, cpu = _wall_and_cpu(pilotledger(ledger, "check"), env)
            walls.append(wall)
            cpus.append(cpu)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        held = (
            "held"
            if wall / size <= BOUND_SECONDS_PER_MB
            else (
                "CPU held (wall: a busy machine)"
                if cpu / size <= BOUND_SECONDS_PER_MB
                else "NOT held"
            )
        )
        lines.append(
            f"| {what} | {size:.2f} | {wall:.3f} | {cpu:.3f} | {wall / size:.3f} |"
            f" {cpu / size:.3f} "
            f"| {held} | {runs} |"
        )
        print(
            f"  bounds  {what:<40} {size:5.2f} MB wall {wall:6.3f} s cpu {cpu:6.3f} s {held}",
            flush=True,
        )
    return "\n".join(lines)


def _wall_and_cpu(argv: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process: on a machine shared
    with other work the CPU time shows what the command itself costs."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        argv,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode})")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bounds_report(env: dict, runs: int) -> str:
    return (
        "## Time bounds on hostile input\n\n"
        f"`check` with no parse cache, measured by `make bench` on {machine()}; median of {runs}"
        f" runs, "
        "start-up included.\n\n" + bench_bounds(env, runs) + "\n"
    )


# A warm `status` as a clerk types it (plain text into the pipe), and with each of the options
# typer would otherwise coerce with pydantic.
STATUS_RUNS = {
    "status": (),
    "status --format plain": ("--format", "plain"),
    "status --format json": ("--format", "json"),
    "status --as-of": ("--as-of", "2024-06-30"),
    "status --unit": ("--unit", "县商务委"),
}
STARTUP_LABELS = {
    "libraries": ("—", 'python -c "import typer, pydantic"', "—"),
    "--help": ("—", "pilotledger --help", "—"),
    "record --help": ("—", "pilotledger record --help", "—"),
    "status": ("6k", "status (a county's 3 years)", "warm"),
    **{name: ("6k", name, "warm") for name in STATUS_RUNS if name != "status"},
}


def measure_startup(table: Table, county: Path, env: dict, runs: int) -> dict[str, tuple]:
    """Start-up against the libraries pilotledger cannot avoid importing, taking turns."""
    startup = {
        "libraries": [sys.executable, "-c", "import typer, pydantic"],
        "--help": [sys.executable, "-m", "pilotledger", "--help"],
        "record --help": [sys.executable, "-m", "pilotledger", "record", "--help"],
        **{name: pilotledger(county, "status", *args) for name, args in STATUS_RUNS.items()},
    }
    startup_times = measure_interleaved(startup, env, runs)
    for key, result in startup_times.items():
        table.add(*STARTUP_LABELS[key], result)
    return startup_times


IMPORT_TASKS = 300
IMPORT_GOAL_SECONDS = 1.0
NUMERALS = "一二三四五六七八九十"
UNIT_POOL = [
    "县" + name
    for name in (
        "发展改革委",
        "经信委",
        "教委",
        "科技局",
        "公安局",
        "民政局",
        "司法局",
        "财政局",
        "人力社保局",
        "规划自然资源局",
        "生态环境局",
        "住房城乡建委",
        "城市管理局",
        "交通局",
        "水利局",
        "农业农村委",
        "商务委",
        "文化旅游委",
        "卫生健康委",
        "应急局",
        "审计局",
        "国资委",
        "市场监管局",
        "统计局",
        "医保局",
        "林业局",
        "大数据局",
        "投资促进中心",
        "金融工作事务中心",
        "政务服务中心",
    )
] + ["各乡镇（街道）", "县级各部门", "相关单位"]


def plan_rows(tasks: int) -> list[list[str]]:
    """A plan of `tasks` tasks in 10 parts of 3 sections, each task with a lead or two,
    up to three responsible units and a deadline."""
    rows, number = [], 0
    per_section = -(-tasks // 30)
    for part in range(10):
        rows.append([f"{NUMERALS[part]}、第{part + 1}部分的重点工作"])
        for section in range(3):
            rows.append([f"（{NUMERALS[section]}）第{part * 3 + section + 1}节的任务。"])
            for _ in range(per_section):
                number += 1
                if number > tasks:
                    return rows
                pool = UNIT_POOL
                lead = "、".join(pool[(number + k) % 30] for k in range(1 + number % 2))
                resp = "、".join(pool[(number * 7 + k) % len(pool)] for k in range(number % 4))
                when = f"{2023 + number % 3}年{1 + number % 12}月底前"
                text = f"第{number}项任务：推进某领域改革，完善相关制度机制，形成可复制经验。"
                rows.append([str(number), text, lead, resp, when])
    return rows


IMPORT_PREAMBLE = [
    "某县人民政府办公室",
    "2023年1月10日",
    "某县全面深化改革试点实施方案",
    "经过三年试点，形成一批制度成果。",
    "附件",
    "某县全面深化改革试点实施方案任务分工",
]
IMPORT_HEADER = ["序号", "重点任务", "牵头单位", "责任单位", "完成时限"]


def write_import_plans(folder: Path, tasks: int) -> dict[str, Path]:
    import docx
    import openpyxl

    folder.mkdir(parents=True, exist_ok=True)
    rows = plan_rows(tasks)
    text = folder / "plan.txt"
    lines = list(IMPORT_PREAMBLE)
    for row in [IMPORT_HEADER, *rows]:
        lines += ["\t" + cell for cell in row] + [""]
    text.write_text("\n".join(lines) + "\n", encoding="utf-8")
    document = docx.Document()
    for line in IMPORT_PREAMBLE:
        document.add_paragraph(line)
    table = document.add_table(rows=0, cols=len(IMPORT_HEADER))
    book = openpyxl.Workbook()
    sheet = book.active
    html = [f"<p>{line}</p>" for line in IMPORT_PREAMBLE] + ["<table>"]
    for line in IMPORT_PREAMBLE:
        sheet.append([line])
    for row in [IMPORT_HEADER, *rows]:
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
        sheet.append(row)
        html.append("<tr>" + "".join(f"<td>{value}</td>" for value in row) + "</tr>")
    document.save(folder / "plan.docx")
    book.save(folder / "plan.xlsx")
    (folder / "plan.html").write_text("\n".join(html + ["</table>"]), encoding="utf-8")
    return {kind: folder / f"plan.{kind}" for kind in ("txt", "docx", "xlsx", "html")}


def import_report(env: dict, runs: int) -> str:
    """`init --from-plan` of a 300-task plan in each file kind, with --dry-run (the import
    alone) and once for real (registries, git, first commit), against the start-up of
    `pilotledger init --help`: wall and CPU seconds, in turns (a busy machine shows in the
    wall time; CPU time is what the import itself costs)."""
    folder = WORK / "import"
    plans = write_import_plans(folder, IMPORT_TASKS)
    base = [sys.executable, "-m", "pilotledger"]
    real = folder / "ledger-real"
    commands = {"start-up (init --help)": [*base, "init", "--help"]}
    for kind, plan in plans.items():
        dry = [*base, "init", str(folder / f"ledger-{kind}"), "--from-plan", str(plan), "--dry-run"]
        commands[f"{kind}, --dry-run"] = dry
    commands["txt, written (git init, commit)"] = [
        *base,
        "init",
        str(real),
        "--from-plan",
        str(plans["txt"]),
    ]
    walls = {case: [] for case in commands}
    cpus = {case: [] for case in commands}
    for _ in range(runs):
        for case, argv in commands.items():
            shutil.rmtree(real, ignore_errors=True)
            wall, cpu = _wall_and_cpu(argv, env)
            walls[case].append(wall)
            cpus[case].append(cpu)
    start_wall = statistics.median(walls["start-up (init --help)"])
    start_cpu = statistics.median(cpus["start-up (init --help)"])
    lines = [
        "| case | wall s | CPU s | beyond start-up (wall / CPU) s | ≤ 1 s |",
        "|---|---:|---:|---:|---|",
    ]
    for case in commands:
        wall, cpu = statistics.median(walls[case]), statistics.median(cpus[case])
        over_wall, over_cpu = wall - start_wall, cpu - start_cpu
        if case.startswith("start-up"):
            held = "—"
        elif over_wall <= IMPORT_GOAL_SECONDS:
            held = "held"
        else:
            held = (
                "CPU held (wall: a busy machine)" if over_cpu <= IMPORT_GOAL_SECONDS else "NOT held"
            )
        lines.append(
            f"| {case} | {wall:.3f} | {cpu:.3f} | {over_wall:.3f} / {over_cpu:.3f} | {held} |"
        )
        print(f"  import  {case:<34} wall {wall:6.3f} s cpu {cpu:6.3f} s {held}", flush=True)
    return (
        f"## Plan import ({IMPORT_TASKS} tasks)\n\n`pilotledger init --from-plan` of a generated "
        f"{IMPORT_TASKS}-task plan (10 parts, 30 sections, a deadline column), measured by "
        f"`make bench` on {machine()}; median of {runs} runs.\n\n" + "\n".join(lines) + "\n"
    )


def with_bytecode(env: dict) -> None:
    """Measure pilotledger as installed: from compiled bytecode, as the libraries it is compared
    with are. pip compiles a package when it installs it; an editable install writes
    __pycache__ on first import, unless PYTHONDONTWRITEBYTECODE is set (as on some build
    machines), in which case every start would compile pilotledger's sources again (about
    40 ms of a warm `status` here) while the libraries load their bytecode."""
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(REPO / "src")], check=True)


# results.md holds the last run's output above this line and the notes of earlier rounds below
# it; a run rewrites the output and keeps the notes.
NOTES_MARK = "<!-- make bench rewrites what is above this line and keeps what is below it -->"


def write_results(path: Path, report: str) -> None:
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    notes = NOTES_MARK + old.split(NOTES_MARK, 1)[1] if NOTES_MARK in old else ""
    path.write_text(report + ("\n" + notes if notes else ""), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--site-only", action="store_true", help="only the site section (a minute)")
    parser.add_argument(
        "--bounds-only", action="store_true", help="only the time bounds on hostile input"
    )
    parser.add_argument(
        "--cold-only", action="store_true", help="only the cold read of 100k against its floor"
    )
    parser.add_argument(
        "--startup-only", action="store_true", help="only the start-up ratios (a minute)"
    )
    parser.add_argument(
        "--intake-only", action="store_true", help="only intake against record (a minute)"
    )
    parser.add_argument(
        "--import-only", action="store_true", help="only init --from-plan of a 300-task plan"
    )
    parser.add_argument(
        "--site-scale-only",
        action="store_true",
        help="only `site` for 500, 1,000 and 2,000 tasks × units, with the ratios (minutes)",
    )
    parser.add_argument(
        "--scales", type=int, nargs="+", default=list(SITE_SCALES), help="with --site-scale-only"
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    options = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    env = dict(os.environ, PILOTLEDGER_LANG="zh", PILOTLEDGER_TODAY="2025-02-28")
    env.pop("PILOTLEDGER_NO_CACHE", None)
    with_bytecode(env)
    if options.bounds_only:
        print(bounds_report(env, 3))
        return
    if options.cold_only:
        print(cold_report(env, 3))
        return
    if options.import_only:
        print(import_report(env, 5))
        return
    if options.site_scale_only:
        print(site_scale_report(env, 1, tuple(options.scales)))
        return
    load_at_start = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    table = Table()
    county = generate(WORK / "ledger-county", 6_000, REPO / "data")
    run_once(pilotledger(county, "check"), env)
    if options.site_only:
        print(site_report(county, env, 5))
        return
    if options.intake_only:
        print(intake_report(county, env, 5))
        return
    if options.startup_only:
        startup_times = measure_startup(table, county, env, 41)
        print(f"{machine()}; load average (1 min) {os.getloadavg()[0]:.1f} at the end\n")
        print(table.markdown() + "\n\n" + targets(startup_times, None))
        return
    site_section = site_report(county, env, 5)
    intake_section = intake_report(county, env, 5)
    import_section = import_report(env, 5)
    startup_times = measure_startup(table, county, env, 21 if options.quick else 31)
    big = generate(WORK / "ledger-bigmonth", 10_000, REPO / "data", big_month=30_000)
    run_once(pilotledger(big, "check"), env)
    record_args = RECORD_ARGS
    table.add(
        "40k",
        "record (month of 30,278 records)",
        "warm",
        measure(pilotledger(big, *record_args), env, 7),
    )
    runs = 3 if options.quick else 5
    bench_scale(table, 10_000, "10k", env, runs, cold_runs=3, pyyaml=True)
    big_ledger = bench_scale(table, 100_000, "100k", env, runs, cold_runs=1, pyyaml=True)
    cold = cold_against_floor(table, big_ledger, env, runs=2 if options.quick else 3)
    if not options.quick:
        bench_scale(table, 1_000_000, "1M", env, 3, cold_runs=0, pyyaml=False)
    load = (
        f"{load_at_start:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
        if load_at_start is not None
        else "n/a"
    )
    report = (
        f"Measured by `make bench` on {machine()}; load average (1 min): {load}.\n"
        "Median wall time of whole processes (start-up included) and peak resident memory.\n"
        "`cold` starts with no parse cache; `warm` after one command filled it.\n\n"
        + table.markdown()
        + "\n\n"
        + targets(startup_times, cold)
        + "\n\n"
        + site_section
        + "\n"
        + intake_section
        + "\n"
        + import_section
        + "\n"
        + bounds_report(env, runs)
    )
    write_results(options.out, report)
    print("\n" + report)


if __name__ == "__main__":
    main()
