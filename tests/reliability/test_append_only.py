"""Promise 3: history is never rewritten. Over messy existing files (comments, blank lines,
odd indentation, CRLF, a BOM, no final newline) every `record` keeps the old bytes; a file
whose style cannot be preserved is refused and left exactly as it was."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.cli import Cli, record_args
from helpers.scale import FUZZ, SOAK, scaled
from pilotledger.store.yamlio import load_data

EXAMPLES = scaled(40, 400, SOAK or FUZZ)
FIELDS = [
    "task: 1",
    "date: 2022-03-0{day}",
    "unit: commerce",
    "status: in_progress",
    "summary: 旧记录{n}",
    "recorded_at: 2022-03-10 09:00:00+08:00",
]


@st.composite
def messy_files(draw):
    indent = draw(st.sampled_from(["", "  ", "    "]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    lines = (
        [f"# {draw(st.text(alphabet='月度进展备注 abc', max_size=12))}"]
        if draw(st.booleans())
        else []
    )
    for n in range(draw(st.integers(0, 3))):
        lines += [""] * draw(st.integers(0, 2))
        lines.append(f"{indent}- id: old{n}")
        for field in FIELDS:
            lines.append(f"{indent}  {field.format(day=n + 1, n=n)}")
        if draw(st.booleans()):
            lines.append(f"{indent}  # 手写备注{n}")
    lines += [""] * draw(st.integers(0, 2))
    if draw(st.booleans()):
        lines.append("# 结尾注释")
    text = newline.join(lines) + (newline if draw(st.booleans()) else "")
    if draw(st.booleans()):
        text = "\ufeff" + text
    if draw(st.integers(0, 9)) == 0:
        text = "[]" + newline  # a flow-style empty list: cannot take a block
    return text.encode("utf-8")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(existing=messy_files())
def test_old_bytes_survive_every_record(mini, existing):
    path = mini / "progress" / "2022-03.yaml"
    path.write_bytes(existing)
    old = load_data(existing.decode("utf-8").lstrip("\ufeff")) or []
    result = Cli(mini)(
        *record_args(unit="commerce", date="2022-03-20", status="in_progress", summary="新记录"),
    )
    after = path.read_bytes()
    if result.exit_code != 0:
        assert (
            "无法在不改写原有内容的情况下追加新记录" in result.stderr
            or "不是记录列表" in result.stderr
        )
        assert after == existing
        return
    assert after.startswith(existing)
    new = load_data(after.decode("utf-8").lstrip("\ufeff"))
    assert new[:-1] == (old if isinstance(old, list) else []) and new[-1]["summary"] == "新记录"
    if b"\r\n" in existing:
        assert b"\n" not in after.replace(b"\r\n", b"")
