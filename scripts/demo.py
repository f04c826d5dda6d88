"""`make demo`: record a few months of example progress in a temporary copy of the shipped
ledger through the real CLI, then print the checks, the status and the quarterly report.

The shipped ledger itself is never touched. The clock is pinned to 2022-07-20 (via
PILOTLEDGER_TODAY) so the example months are in the past; labels are Chinese unless
PILOTLEDGER_LANG says otherwise.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

EXAMPLES = [
    ("1", "县科技局", "2022-03-18", "推进中", "10", "起草科技成果赋权改革方案"),
    ("12", "县医保局", "2022-03-25", "推进中", "15", "与两家保险公司座谈跨境医疗保险产品"),
    ("23", "县商务委", "2022-03-31", "推进中", "20", "康德商圈提升方案已报县政府"),
    ("1", "县科技局", "2022-04-12", "推进中", "30", "方案征求意见"),
    ("15", "县农业农村委", "2022-04-20", "受阻", "5", "趁鲜切制试点企业尚未确定"),
    ("23", "商务委", "2022/4/28", "推进中", "35", "上河街夜间经济活动启动"),
    ("55", "县金融工作事务中心", "2022年4月30日", "推进中", "10", "开展非法集资风险排查"),
    ("1", "县科技局", "2022-05-20", "已完成", "100", "赋权改革方案印发实施"),
    ("23", "县商务委", "2022-05-25", "推进中", "50", "新天地商圈智慧停车上线"),
    ("40", "人行丰都支行", "2022-05-12", "推进中", "20", "贸易金融区块链平台接入培训"),
    ("15", "县卫健委", "2022-06-15", "推进中", "20", "确定两家试点企业"),
    ("23", "县商务委", "2022-06-30", "推进中", "60", "消费节活动完成"),
    ("49", "县大数据局", "2022-06-08", "推进中", "25", "数据安全制度汇编"),
]


def pilotledger(*args: str, env: dict[str, str]) -> None:
    print(f"\n$ pilotledger {' '.join(args)}", flush=True)
    subprocess.run([sys.executable, "-m", "pilotledger", *args], env=env, check=True, stdin=subprocess.DEVNULL)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="pilotledger-demo-") as folder:
        ledger = Path(folder) / "data"
        shutil.copytree(REPO / "data", ledger, ignore=shutil.ignore_patterns(".cache", "*.lock"))
        (ledger / "progress").mkdir(exist_ok=True)
        env = dict(os.environ, PILOTLEDGER_DATA=str(ledger), PILOTLEDGER_TODAY="2022-07-20")
        env.setdefault("PILOTLEDGER_LANG", "zh")
        print(f"Demo ledger: {ledger} (a copy; the shipped data/ is not touched)")
        for task, unit, day, status, progress, summary in EXAMPLES:
            pilotledger("record", task, "--unit", unit, "--date", day, "--status", status,
                        "--progress", progress, "--summary", summary, env=env)
        pilotledger("check", env=env)
        pilotledger("status", "--as-of", "2022-06-30", "--part", "2", env=env)
        pilotledger("overdue", "--unit", "县商务委", env=env)
        pilotledger("report", "--quarter", "2022Q2", env=env)


if __name__ == "__main__":
    main()
