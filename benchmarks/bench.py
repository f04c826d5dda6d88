"""`make bench`: wall time and peak memory of pilotledger at 10k, 100k and 1M records.

Generates synthetic ledgers (benchmarks/synth.py) under benchmarks/work/ (git-ignored),
runs each command as a child process several times and reports the median wall time and the
peak resident memory (from the child's rusage). In the same run it measures the floors:
reading the bytes, PyYAML + libyaml parsing the same files, orjson loading the cache, and
ledger-cli `balance` on an equivalent journal when `ledger` is installed.

Usage: python benchmarks/bench.py [--quick] [--bounds-only] [--out FILE]
  --quick         10k and 100k only, fewer runs (a few minutes instead of ~15)
  --bounds-only   only the time bounds on hostile input (check on 1 MB of invalid records,
                  1 MB of blank lines, a 10 MB valid month, a 1 MB correction chain), printed,
                  results.md untouched
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

from synth import blank_month, correction_chain_month, generate, invalid_month, valid_month  # noqa: E402

COMMANDS = {
    "check": ["check"],
    "status": ["status", "--format", "plain"],
    "overdue": ["overdue", "--format", "plain"],
    "report --year": ["report", "--year", "2023", "--format", "plain"],
}


TIME = shutil.which("time") and Path("/usr/bin/time").exists()


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process. Peak memory comes from GNU time,
    which forks the command from a small process: the rusage of a child forked from this
    (large) Python process would count pages it inherited before exec."""
    prefix = ["/usr/bin/time", "-f", "PEAK_KB=%M"] if TIME else []
    start = time.perf_counter()
    done = subprocess.run(prefix + argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode}): {done.stderr.decode()[-2000:]}")
    peaks = [line for line in done.stderr.decode(errors="replace").splitlines() if line.startswith("PEAK_KB=")]
    return wall, (int(peaks[-1][8:]) / 1024 if peaks else float("nan"))


def measure(argv, env, runs, before=None) -> tuple[float, float, int]:
    walls, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        wall, peak = run_once(argv, env)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks), runs


def pilotledger(ledger: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "pilotledger", "--data", str(ledger), *args]


def clear_cache(ledger: Path) -> None:
    shutil.rmtree(ledger / ".cache", ignore_errors=True)


def floor_script(kind: str, ledger: Path) -> list[str]:
    code = {
        "read": "import sys,pathlib\nfor p in sorted(pathlib.Path(sys.argv[1],'progress').glob('*.yaml')): p.read_bytes().decode()",
        "pyyaml": "import sys,pathlib,gc,yaml\ngc.disable()\nfor p in sorted(pathlib.Path(sys.argv[1],'progress').glob('*.yaml')): "
                  "yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)",
        "orjson": "import sys,pathlib,orjson\nfor p in sorted(pathlib.Path(sys.argv[1],'.cache').rglob('*.rows.json')): "
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
                    out.write(f"{day.replace('-', '/')} 进展\n    Units:{unit}  {line[12:]} PCT\n    Plan:total\n\n")
    return target


class Table:
    def __init__(self) -> None:
        self.rows: list[tuple] = []

    def add(self, scale: str, what: str, cache: str, result) -> None:
        wall, peak, runs = result
        self.rows.append((scale, what, cache, f"{wall:.3f}", f"{peak:.0f}", str(runs)))
        print(f"  {scale:>6}  {what:<32} {cache:<6} {wall:8.3f} s {peak:8.0f} MB  ({runs} runs)", flush=True)

    def markdown(self) -> str:
        lines = ["| records | command | cache | median s | peak MB | runs |", "|---:|---|---|---:|---:|---:|"]
        lines += [f"| {' | '.join(row)} |" for row in self.rows]
        return "\n".join(lines)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor()) if Path("/proc/cpuinfo").exists() else ""
    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()} "
            f"{platform.release()}, {dt.date.today().isoformat()}")


def bench_scale(table: Table, total: int, label: str, env: dict, runs: int, cold_runs: int, pyyaml: bool) -> Path:
    ledger = generate(WORK / f"ledger-{label}", total, REPO / "data")
    print(f"{label}: {total} records", flush=True)
    for name, args in COMMANDS.items():
        if cold_runs:
            table.add(label, name, "cold", measure(pilotledger(ledger, *args), env, cold_runs, lambda: clear_cache(ledger)))
    run_once(pilotledger(ledger, "check"), env)  # fill the cache
    for name, args in COMMANDS.items():
        table.add(label, name, "warm", measure(pilotledger(ledger, *args), env, runs))
    table.add(label, "floor: read + decode the YAML", "—", measure(floor_script("read", ledger), env, runs))
    table.add(label, "floor: orjson load of the cache", "—", measure(floor_script("orjson", ledger), env, runs))
    if pyyaml:
        table.add(label, "floor: PyYAML CSafeLoader parse", "—", measure(floor_script("pyyaml", ledger), env, 1))
    record_args = ["record", "1", "--unit", "science-tech", "--date", "2025-02-20", "--status", "in_progress",
                   "--summary", "基准测试记录"]
    table.add(label, f"record (month of {total // 36 + 1:,} records)", "warm",
              measure(pilotledger(ledger, *record_args), env, runs))
    if shutil.which("ledger"):
        journal = ledger_journal(ledger, WORK / f"journal-{label}.dat")
        table.add(label, "ledger-cli balance (same records)", "—",
                  measure(["ledger", "-f", str(journal), "balance"], env, runs))
    return ledger


BOUND_SECONDS_PER_MB = 1.0


def bench_bounds(env: dict, runs: int) -> str:
    """Time bounds on hostile input: `check`, cold, on files built to be slow. Each must take at
    most BOUND_SECONDS_PER_MB per MB of input (start-up included)."""
    cases = [
        ("1 MB month of 4,000 invalid records", invalid_month(WORK / "bounds-invalid", REPO / "data")),
        ("1 MB of blank lines", blank_month(WORK / "bounds-blank", REPO / "data")),
        ("10 MB valid month", valid_month(WORK / "bounds-valid", REPO / "data")),
        ("1 MB correction chain (each record corrects the last)",
         correction_chain_month(WORK / "bounds-chain", REPO / "data")),
    ]
    lines = ["| input | MB | `check` wall s | CPU s | wall s per MB | CPU s per MB | ≤ 1 s/MB | runs |",
             "|---|---:|---:|---:|---:|---:|---|---:|"]
    for what, ledger in cases:
        size = (ledger / "progress" / "2022-03.yaml").stat().st_size / (1 << 20)
        walls, cpus = [], []
        for _ in range(runs):
            clear_cache(ledger)
            wall, cpu = _wall_and_cpu(pilotledger(ledger, "check"), env)
            walls.append(wall)
            cpus.append(cpu)
        wall, cpu = statistics.median(walls), statistics.median(cpus)
        held = "held" if wall / size <= BOUND_SECONDS_PER_MB else (
            "CPU held (wall: a busy machine)" if cpu / size <= BOUND_SECONDS_PER_MB else "NOT held")
        lines.append(f"| {what} | {size:.2f} | {wall:.3f} | {cpu:.3f} | {wall / size:.3f} | {cpu / size:.3f} "
                     f"| {held} | {runs} |")
        print(f"  bounds  {what:<40} {size:5.2f} MB wall {wall:6.3f} s cpu {cpu:6.3f} s {held}", flush=True)
    return "\n".join(lines)


def _wall_and_cpu(argv: list[str], env: dict) -> tuple[float, float]:
    """Wall seconds and CPU seconds (user + system) of one child process: on a machine shared
    with other work the CPU time shows what the command itself costs."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          stdin=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(argv)} failed ({done.returncode})")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bounds_report(env: dict, runs: int) -> str:
    return ("## Time bounds on hostile input\n\n"
            f"`check` with no parse cache, measured by `make bench` on {machine()}; median of {runs} runs, "
            "start-up included.\n\n" + bench_bounds(env, runs) + "\n")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--bounds-only", action="store_true", help="only the time bounds on hostile input")
    parser.add_argument("--out", type=Path, default=HERE / "results.md")
    options = parser.parse_args()
    WORK.mkdir(exist_ok=True)
    env = dict(os.environ, PILOTLEDGER_LANG="zh", PILOTLEDGER_TODAY="2025-02-28")
    env.pop("PILOTLEDGER_NO_CACHE", None)
    if options.bounds_only:
        print(bounds_report(env, 3))
        return
    table = Table()
    table.add("—", "pilotledger --help", "—", measure([sys.executable, "-m", "pilotledger", "--help"], env, 15))
    table.add("—", "pilotledger record --help", "—",
              measure([sys.executable, "-m", "pilotledger", "record", "--help"], env, 15))
    county = generate(WORK / "ledger-county", 6_000, REPO / "data")
    run_once(pilotledger(county, "check"), env)
    table.add("6k", "status (a county's 3 years)", "warm", measure(pilotledger(county, *COMMANDS["status"]), env, 9))
    big = generate(WORK / "ledger-bigmonth", 10_000, REPO / "data", big_month=30_000)
    run_once(pilotledger(big, "check"), env)
    record_args = ["record", "1", "--unit", "science-tech", "--date", "2025-02-20", "--status", "in_progress",
                   "--summary", "基准测试记录"]
    table.add("40k", "record (month of 30,278 records)", "warm", measure(pilotledger(big, *record_args), env, 7))
    runs = 3 if options.quick else 5
    bench_scale(table, 10_000, "10k", env, runs, cold_runs=3, pyyaml=True)
    bench_scale(table, 100_000, "100k", env, runs, cold_runs=1, pyyaml=True)
    if not options.quick:
        bench_scale(table, 1_000_000, "1M", env, 3, cold_runs=0, pyyaml=False)
    report = (f"Measured by `make bench` on {machine()}.\n"
              "Median wall time of whole processes (start-up included) and peak resident memory.\n"
              "`cold` starts with no parse cache; `warm` after one command filled it.\n\n" + table.markdown() + "\n"
              "\n" + bounds_report(env, runs))
    options.out.write_text(report, encoding="utf-8")
    print("\n" + report)


if __name__ == "__main__":
    main()
