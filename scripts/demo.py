"""`make demo`: record a few months of example progress in a copy of the shipped ledger at
./demo-ledger (git-ignored) through the real CLI, print the checks, the status and the
quarterly report, and leave the copy there with commands to keep exploring it.

The shipped ledger itself is never touched; a previous demo ledger is replaced. Each example
record is made with the clock pinned (PILOTLEDGER_TODAY) to the day a clerk would have recorded
it, so its recorded_at falls on that day and the report judges it on time or late as it would
have been; the views are shown as of 2022-07-20. Labels are Chinese unless PILOTLEDGER_LANG says
otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# (task, unit, date, status, progress, summary, the day it is recorded). A month's report is due
# on the 5th of the next month: most are recorded in time, two late (task 15's April, task 40's
# May), and the months with no record are missing, so the report shows all three.
EXAMPLES = [
    ("1", "县科技局", "2022-03-18", "推进中", "10", "起草科技成果赋权改革方案", "2022-03-18"),
    (
        "12",
        "县医保局",
        "2022-03-25",
        "推进中",
        "15",
        "与两家保险公司座谈跨境医疗保险产品",
        "2022-03-28",
    ),
    ("23", "县商务委", "2022-03-31", "推进中", "20", "康德商圈提升方案已报县政府", "2022-04-02"),
    ("1", "县科技局", "2022-04-12", "推进中", "30", "方案征求意见", "2022-04-12"),
    ("15", "县农业农村委", "2022-04-20", "受阻", "5", "趁鲜切制试点企业尚未确定", "2022-05-09"),
    ("23", "商务委", "2022/4/28", "推进中", "35", "上河街夜间经济活动启动", "2022-04-29"),
    (
        "55",
        "县金融工作事务中心",
        "2022年4月30日",
        "推进中",
        "10",
        "开展非法集资风险排查",
        "2022-05-04",
    ),
    ("1", "县科技局", "2022-05-20", "已完成", "100", "赋权改革方案印发实施", "2022-05-20"),
    ("23", "县商务委", "2022-05-25", "推进中", "50", "新天地商圈智慧停车上线", "2022-05-26"),
    (
        "40",
        "人行丰都支行",
        "2022-05-12",
        "推进中",
        "20",
        "贸易金融区块链平台接入培训",
        "2022-06-08",
    ),
    ("15", "县卫健委", "2022-06-15", "推进中", "20", "确定两家试点企业", "2022-06-16"),
    ("23", "县商务委", "2022-06-30", "推进中", "60", "消费节活动完成", "2022-07-04"),
    ("49", "县大数据局", "2022-06-08", "推进中", "25", "数据安全制度汇编", "2022-06-10"),
]


def pilotledger(*args: str, env: dict[str, str]) -> None:
    print(f"\n$ pilotledger {' '.join(args)}", flush=True)
    subprocess.run(
        [sys.executable, "-m", "pilotledger", *args], env=env, check=True, stdin=subprocess.DEVNULL
    )


DEMO_MARK = ".pilotledger-demo"  # only a folder carrying this mark is ever replaced
DEMO_TODAY = "2022-07-20"


def prepare(ledger: Path) -> None:
    """A fresh copy of the shipped ledger at `ledger`; refuses to replace anything not a demo."""
    if ledger.exists():
        if not (ledger / DEMO_MARK).exists():
            sys.exit(f"{ledger} exists and is not a demo ledger; move it away first")
        shutil.rmtree(ledger)
    shutil.copytree(REPO / "data", ledger, ignore=shutil.ignore_patterns(".cache", "*.lock"))
    (ledger / "progress").mkdir(exist_ok=True)
    (ledger / DEMO_MARK).write_text(
        "made by `make demo`; replaced by the next one\n", encoding="utf-8"
    )


def next_steps(ledger: Path, lang: str = "zh") -> list[str]:
    """Commands that work on the demo ledger from the repository's folder, in the demo's
    language (without --lang they would follow the locale: English on a C.UTF-8 machine)."""
    shown = os.path.relpath(ledger, Path.cwd())
    prefix = f".venv/bin/pilotledger --lang {lang} --data {shown}"
    return [
        f"{prefix} status --as-of {DEMO_TODAY}",
        f"{prefix} show 23",
        f"{prefix} overdue --as-of {DEMO_TODAY} --unit 县商务委",
        f"{prefix} report --quarter 2022年第二季度 --format html --output 2022Q2.html",
        f"{prefix} matrix --part 1",
        f"PILOTLEDGER_TODAY={DEMO_TODAY} {prefix} record 23     # asks for the rest, at a terminal",
    ]


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    ledger = Path(argv[0]).resolve() if argv else REPO / "demo-ledger"
    prepare(ledger)
    env = dict(os.environ, PILOTLEDGER_DATA=str(ledger), PILOTLEDGER_TODAY=DEMO_TODAY)
    env.setdefault("PILOTLEDGER_LANG", "zh")
    print(f"Demo ledger: {ledger} (a copy of data/, git-ignored; the shipped data/ is not touched)")
    for task, unit, day, status, progress, summary, recorded_on in EXAMPLES:
        pilotledger(
            "record",
            task,
            "--unit",
            unit,
            "--date",
            day,
            "--status",
            status,
            "--progress",
            progress,
            "--summary",
            summary,
            env=dict(env, PILOTLEDGER_TODAY=recorded_on),
        )
    pilotledger("check", env=env)
    pilotledger("status", "--as-of", "2022-06-30", "--part", "2", env=env)
    pilotledger("overdue", "--unit", "县商务委", env=env)
    pilotledger("report", "--quarter", "2022Q2", env=env)
    print(f"\nThe demo ledger stays in {ledger}. Keep exploring it (from {Path.cwd()}):")
    for line in next_steps(ledger, env["PILOTLEDGER_LANG"]):
        print(f"  {line}")


if __name__ == "__main__":
    main()
