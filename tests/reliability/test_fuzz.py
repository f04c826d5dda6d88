"""Promise 6: every error names its place. Byte-level mutations of valid files and arbitrary
text through loading and `check`: no traceback, every problem with file:line:col."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.cli import Cli
from helpers.ledgers import MINI_TASKS, MINI_UNITS, write
from helpers.scale import FUZZ, scaled
from pilotledger.store import load

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "progress"
MUTATIONS = scaled(150, 10_000, FUZZ)
HYPOTHESIS_CASES = scaled(60, 2_000, FUZZ)
SPECIAL = [
    b":",
    b"-",
    b"- ",
    b"[",
    b"]",
    b"{",
    b"}",
    b"'",
    b'"',
    b"&a ",
    b"*a",
    b"!",
    b"!!python/name:os.system",
    b"%YAML 1.1\n",
    b"\t",
    b"\n",
    b"\r\n",
    b"#",
    b"|",
    b">",
    b"\x00",
    b"\xff",
    b"\xe4\xb8",
    b"---\n",
    b"...\n",
    b"? ",
    b"2022-02-30",
    b"~",
    b"\xef\xbb\xbf",
    b"  " * 40,
    b"\\u0000",
    b"@",
    b"`",
]


def mutate(rng: random.Random, data: bytes) -> bytes:
    for _ in range(rng.randint(1, 4)):
        position = rng.randint(0, len(data))
        choice = rng.randrange(6)
        if choice == 0:
            data = data[:position] + rng.choice(SPECIAL) + data[position:]
        elif choice == 1 and data:
            data = data[:position] + bytes([rng.randrange(256)]) + data[position + 1 :]
        elif choice == 2:
            data = data[:position] + data[position + rng.randint(1, 40) :]
        elif choice == 3:
            lines = data.split(b"\n")
            line = rng.randrange(len(lines))
            lines.insert(rng.randrange(len(lines) + 1), lines[line])
            data = b"\n".join(lines)
        elif choice == 4:
            data = data[:position]
        else:
            lines = data.split(b"\n")
            rng.shuffle(lines)
            data = b"\n".join(lines)
    return data


def assert_all_placed(root: Path) -> None:
    result = load(root)  # must not raise
    for problem in result.problems:
        assert Path(problem.file).is_relative_to(root), problem
        assert problem.line >= 1 and problem.col >= 1, problem
        assert problem.message, problem


@pytest.fixture
def fuzz_root(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("PILOTLEDGER_NO_CACHE", "1")
    root = tmp_path / "fuzz"
    write(root, "units.yaml", MINI_UNITS)
    write(root, "tasks.yaml", MINI_TASKS)
    (root / "progress").mkdir()
    return root


def test_mutated_files_never_crash_and_every_problem_is_placed(fuzz_root):
    rng = random.Random(1125)
    sources = [p.read_bytes() for p in sorted(FIXTURES.glob("*.yaml"))]
    sources += [MINI_UNITS.encode(), MINI_TASKS.encode()]
    targets = ["progress/2022-03.yaml", "units.yaml", "tasks.yaml"]
    for case in range(MUTATIONS):
        target = targets[0] if case % 4 else rng.choice(targets[1:])
        original = {"units.yaml": MINI_UNITS.encode(), "tasks.yaml": MINI_TASKS.encode()}
        source = original.get(target) or rng.choice(sources[:-2])
        (fuzz_root / target).write_bytes(mutate(rng, source))
        assert_all_placed(fuzz_root)
        if case % 50 == 0:  # and through the real command now and then
            result = Cli(fuzz_root)("check")
            assert result.exit_code in (0, 1) and "Traceback" not in result.stdout + result.stderr
        for name, text in original.items():
            (fuzz_root / name).write_bytes(text)


@settings(
    max_examples=HYPOTHESIS_CASES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    content=st.one_of(
        st.text(max_size=400),
        st.binary(max_size=400),
        st.lists(
            st.sampled_from(
                [s.decode("utf-8", "replace") for s in SPECIAL]
                + [
                    "- id: r1\n",
                    "  task: 1\n",
                    "  date: 2022-03-10\n",
                    "  unit: commerce\n",
                    "  status: done\n",
                    "  summary: 完成\n",
                    "  recorded_at: 2022-03-11 09:00:00+08:00\n",
                ]
            ),
            max_size=30,
        ).map("".join),
    )
)
def test_arbitrary_content_never_crashes(fuzz_root, content):
    path = fuzz_root / "progress" / "2022-03.yaml"
    path.write_bytes(
        content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass")
    )
    assert_all_placed(fuzz_root)
