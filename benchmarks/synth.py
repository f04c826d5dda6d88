"""Synthetic ledgers for the benchmark: the shipped plan with N records over 36 months.

Records look like a county's: Chinese summaries of realistic length, the task's own units,
statuses that move forward, and one record per (task, month) before a task is done, then
more per month as N grows. The text is written directly (valid YAML in our format) so that a
million records take seconds to generate, not hours.
"""

from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

from pilotledger.store.yamlio import load_data  # the registries are read with the product's loader

MONTHS = [
    dt.date(2022 + (m + 2) // 12, (m + 2) % 12 + 1, 1) for m in range(36)
]  # 2022-03 … 2025-02
PHRASES = [
    "召开专题推进会，研究部署试点任务落实工作",
    "完成调研走访企业十二家，形成问题清单",
    "与市级主管部门对接政策口径",
    "起草实施细则并征求相关部门意见",
    "组织开展业务培训，参训人员八十余人次",
    "建立工作台账，明确责任人和时间节点",
    "协调解决企业反映的用地和融资问题",
    "开展政策宣传，发放资料五百余份",
    "完成阶段性总结并报送县试点办",
    "推动项目签约落地，协议投资额一点二亿元",
    "配合市级部门开展督导检查",
    "梳理存在问题并提出整改措施",
]
PROBLEMS = ["部门协同机制有待完善", "专业人才不足", "企业参与积极性不高", "市级配套政策尚未出台"]
STATUSES = ["in_progress"] * 6 + ["blocked"]


def _units(root: Path) -> dict[int, list[str]]:
    tasks = load_data((root / "tasks.yaml").read_text(encoding="utf-8"))["tasks"]
    return {
        t["number"]: t["lead"]
        + [u for u in t["responsible"] if not u.startswith(("all-", "project-", "anti-"))]
        for t in tasks
    }


def _record(
    rng: random.Random, serial: int, task: int, unit: str, day: dt.date, progress: int
) -> str:
    summary = "；".join(rng.sample(PHRASES, 3)) + "。"
    status = "done" if progress >= 100 else rng.choice(STATUSES)
    lines = [
        f"- id: {day:%Y%m%d}-{serial:012x}",
        f"  task: {task}",
        f"  date: {day.isoformat()}",
        f"  unit: {unit}",
        f"  status: {status}",
        f"  progress: {min(progress, 100)}",
        f"  summary: {summary}",
    ]
    if status == "blocked":
        lines.append(f"  problems: {rng.choice(PROBLEMS)}")
    lines.append(f"  next_steps: 下月{rng.choice(PHRASES)}")
    lines.append(f"  recorded_at: {day + dt.timedelta(days=1)} 09:{serial % 60:02d}:00+08:00")
    return "\n".join(lines) + "\n"


def generate(target: Path, total: int, shipped: Path, seed: int = 7, big_month: int = 0) -> Path:
    """A ledger at `target` with `total` records spread over 36 months (plus `big_month` extra
    records in the last month, for timing `record` into a large month file)."""
    if target.exists():
        shutil.rmtree(target)
    (target / "progress").mkdir(parents=True)
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(shipped / name, target / name)
    units = _units(target)
    rng = random.Random(seed)
    per_month = [total // 36 + (1 if m < total % 36 else 0) for m in range(36)]
    per_month[-1] += big_month
    serial = 0
    for month, count in zip(MONTHS, per_month):
        last_day = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(
            days=1
        )
        chunks = []
        for index in range(count):
            task = index % 55 + 1
            day = month.replace(day=1 + (index * 7919) % last_day.day)
            serial += 1
            progress = 3 * (MONTHS.index(month) + 1) + index // 55 % 5
            chunks.append(_record(rng, serial, task, rng.choice(units[task]), day, progress))
        (target / "progress" / f"{month:%Y-%m}.yaml").write_text("".join(chunks), encoding="utf-8")
    return target


# ---- hostile inputs for the time bounds (issue: every command linear in its input) ---------


def _bare(target: Path, shipped: Path) -> Path:
    if target.exists():
        shutil.rmtree(target)
    (target / "progress").mkdir(parents=True)
    for name in ("tasks.yaml", "units.yaml"):
        shutil.copy(shipped / name, target / name)
    return target


def invalid_month(target: Path, shipped: Path, records: int = 4_000, size: int = 1 << 20) -> Path:
    """One month of `records` records, each with several problems, padded to about `size` bytes."""
    _bare(target, shipped)

    def record(n: int, pad: str) -> str:
        return (
            f"- id: bad-{n:06d}\n  task: {n % 55 + 1}\n  date: 2022-03-{n % 28 + 1:02d}\n  unit:"
            f" nobody-{n:06d}\n"
            f"  status: finished\n  progress: 130\n  summary: {pad}\n  recorded_at: 2022-03-30"
            f" 09:00:00+08:00\n"
        )

    pad = "进" * max(1, (size // records - len(record(0, "").encode())) // 3)
    chunks = [record(n, pad) for n in range(records)]
    (target / "progress" / "2022-03.yaml").write_text("".join(chunks), encoding="utf-8")
    return target


def blank_month(target: Path, shipped: Path, size: int = 1 << 20) -> Path:
    """A month file of `size` blank lines."""
    _bare(target, shipped)
    (target / "progress" / "2022-03.yaml").write_text("\n" * size, encoding="utf-8")
    return target


def valid_month(target: Path, shipped: Path, size: int = 10 << 20, seed: int = 7) -> Path:
    """One valid month file of about `size` bytes."""
    _bare(target, shipped)
    units = _units(target)
    rng = random.Random(seed)
    chunks, written, serial = [], 0, 0
    while written < size:
        serial += 1
        task = serial % 55 + 1
        chunk = _record(
            rng, serial, task, rng.choice(units[task]), dt.date(2022, 3, serial % 28 + 1), 30
        )
        chunks.append(chunk)
        written += len(chunk.encode("utf-8"))
    (target / "progress" / "2022-03.yaml").write_text("".join(chunks), encoding="utf-8")
    return target


def correction_chain_month(target: Path, shipped: Path, size: int = 1 << 20) -> Path:
    """One valid month of about `size` bytes holding a single correction chain: each record
    corrects the one before it (valid, and the worst case for a cycle check that walks the
    chain from every record)."""
    _bare(target, shipped)
    unit = _units(target)[1][0]
    chunks, written, serial = [], 0, 0
    while written < size:
        serial += 1
        corrects = f"  corrects: chain-{serial - 1:06d}\n" if serial > 1 else ""
        chunk = (
            f"- id: chain-{serial:06d}\n  task: 1\n  date: 2022-03-{serial % 28 + 1:02d}\n"
            f"  unit: {unit}\n  status: in_progress\n  progress: 30\n"
            f"  summary: 第 {serial} 次更正：已完成对接企业走访并形成台账\n{corrects}"
            f"  recorded_at: 2022-03-30 09:00:00+08:00\n"
        )
        chunks.append(chunk)
        written += len(chunk.encode("utf-8"))
    (target / "progress" / "2022-03.yaml").write_text("".join(chunks), encoding="utf-8")
    return target


# ---- wide registries: N tasks × N units (site's growth with the registries) ----------------


def wide_ledger(target: Path, count: int, records_per_task: int = 3) -> Path:
    """A plan of `count` tasks in 10 sections and `count` units: task n led by unit n and
    shared with unit n+1, each with `records_per_task` monthly records from March 2022 (the
    records grow with the registries, as a bigger plan's would)."""
    if target.exists():
        shutil.rmtree(target)
    (target / "progress").mkdir(parents=True)
    units = "units:\n" + "".join(
        f"  - id: u{n}\n    name: 单位{n}\n    name_en: Unit {n}\n    kind: department\n"
        for n in range(1, count + 1)
    )
    sections = "".join(
        f"  - number: {s}\n    label: （{s}）\n    part: 1\n    title: 第{s}节。\n"
        for s in range(1, 11)
    )
    tasks = "".join(
        f"  - number: {n}\n    section: {(n - 1) * 10 // count + 1}\n    text: 第{n}项任务。\n"
        f"    lead: [u{n}]\n    responsible: [u{n % count + 1}]\n"
        for n in range(1, count + 1)
    )
    (target / "units.yaml").write_text(units, encoding="utf-8")
    (target / "tasks.yaml").write_text(
        "plan:\n  title: 宽登记表测试方案\n  issuer: 测试办\n  issued: 2022-02-24\n"
        "  start: 2022-02-24\n  end: 2025-02-23\n  report_day: 5\n"
        "parts:\n  - number: 1\n    label: 一、\n    title: 第一部分\n"
        f"sections:\n{sections}tasks:\n{tasks}",
        encoding="utf-8",
    )
    for month in MONTHS[:records_per_task]:
        body = "".join(
            f"- id: w{month:%Y%m}-{n}\n  task: {n}\n  date: {month:%Y-%m}-10\n  unit: u{n}\n"
            f"  status: in_progress\n  progress: {10 * (MONTHS.index(month) + 1)}\n"
            f"  summary: {PHRASES[n % len(PHRASES)]}\n"
            f"  recorded_at: {month:%Y-%m}-11 09:00:00+08:00\n"
            for n in range(1, count + 1)
        )
        (target / "progress" / f"{month:%Y-%m}.yaml").write_text(body, encoding="utf-8")
    return target
