"""The lean reading path (store/yamlbuild.py) reads exactly what PyYAML's generic one reads.

A cold read spends its time in YAML resolution and construction, so yamlbuild replaces both
for plain data. These tests hold it to the generic path it replaced: PyYAML's own
`Resolver.resolve` and `construct_document` over the same resolver table and constructor,
then the depth check, through the same loader (libyaml's and the pure-Python one). Compared:
the value with its types (by repr, which tells 1 from True and 1.0 and a date from a
datetime, and shows each time zone and the order of keys), or the same YamlProblem (line,
column, message). Corpora: the shipped and sample ledgers, months the product writes, and
generated documents of mappings, sequences and scalars of every resolver kind, with duplicate
keys, merge keys, complex keys, impossible dates and deep nesting. The CLI cases show a user
sees the same `check` either way. (test_cache.py checks both loaders against ruamel.)
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yaml.nodes import ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

from helpers.cli import Cli
from helpers.ledgers import MARCH, RECORD, write
from helpers.scale import FUZZ, SOAK, scaled
from pilotledger.errors import YamlProblem
from pilotledger.store import yamlbuild, yamlio

CASES = scaled(100, 5_000, SOAK or FUZZ)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def _generic_loader(lean: type) -> type:
    """The same loader with PyYAML's own resolver methods (the table stays the same)."""
    methods = ("resolve", "descend_resolver", "ascend_resolver")
    return type(f"Generic{lean.__name__}", (lean,), {m: getattr(BaseResolver, m) for m in methods})


LOADERS = {
    "libyaml": (yamlio.FAST_LOADER, _generic_loader(yamlio.FAST_LOADER)),
    "pure": (yamlio.PURE_LOADER, _generic_loader(yamlio.PURE_LOADER)),
}


def _generic_construction(loader, root):
    data = loader.construct_document(root)
    yamlbuild.check_depth(data)
    return data


@contextmanager
def generic_path():
    """yamlio's loading with PyYAML's generic constructor, as before yamlbuild."""
    with mock.patch.object(yamlio, "construct_plain", _generic_construction):
        yield


def outcome(text: str, loader: type) -> tuple:
    try:
        return ("value", repr(yamlio.load_data(text, loader)))
    except YamlProblem as problem:
        return (
            "problem",
            problem.line,
            problem.col,
            str(problem.message),
            getattr(problem.message, "key", None),
        )


def assert_same_reading(text: str) -> tuple:
    """Lean and generic agree on each loader; libyaml and pure Python agree on the value."""
    seen = {}
    for name, (lean, generic) in LOADERS.items():
        with generic_path():
            expected = outcome(text, generic)
        assert outcome(text, lean) == expected, (name, text)
        seen[name] = expected
    if seen["libyaml"][0] == seen["pure"][0] == "value":
        assert seen["libyaml"] == seen["pure"], text
    return seen["libyaml"]


# ---- the resolver -----------------------------------------------------------------------------

# Scalars of every kind the YAML 1.2 table knows, the YAML 1.1 words that stay text, and the
# edges of each pattern (a base prefix with no digits, `_` alone, an impossible day).
PLAIN = [
    *("0", "7", "0123", "-0", "+12", "-12", "1_000", "12_", "_", "+", "9" * 4301),
    *("0b1011", "-0b1_0", "0b", "0o17", "0o", "0o8", "017", "0x1F", "-0x_f", "0x", "0xG"),
    *("1.5", "-1.5", "1.", ".5", "1e3", "1E+3", "6.8523015e+5", "1_0.5", "1:30", "1:30.5"),
    *(".inf", "-.Inf", "+.INF", ".nan", ".NaN", ".NAN", "-.nan"),
    *("true", "True", "TRUE", "false", "False", "FALSE", "tRUE"),
    *("NO", "no", "No", "yes", "Yes", "y", "n", "on", "OFF"),
    *("~", "null", "Null", "NULL", "nULL"),
    *("2022-03-05", "2024-02-29", "2022-3-5", "2022-02-30", "2022-13-01", "2022-03-5"),
    *("2022-03-16 10:20:00+08:00", "2022-03-16T10:20:00-05:30", "2022-03-16t10:20:00+00:00"),
    *("2022-03-16 10:20:00-00:00", "2022-03-16T10:20:00Z", "2022-03-16 10:20:00"),
    *("2022-03-16 10:20:00.5", "2022-03-16 10:20:00.123456789 -05:30", "2022-03-16 1:02:03"),
    *("2022-03-16 10:20:00 +8", "2022-03-16  10:20:00+08", "2022-03-16 10:20:00+24:00"),
    *("2022-03-16 24:00:00+08:00", "2022-03-16 10:20:00+08:75", "2022-02-29 10:00:00+08:00"),
    *("2022-03-16 10:60:00+08:00", "12022-03-16", "20220301-000000000001"),
    *("2022-03-16 23:59:59+23:59", "2022-03-16 00:00:00-23:75", "0000-01-01", "9999-12-31"),
    *("2022-03-16 10:20:60+08:00", "2022-03-16 10:20:00+08:00:00", "2022-03-16 10:20:00+0800"),
    *("完成80%", "A&B", "中文：冒号", "soe-affairs", "in_progress", "=", "<<", "hello world"),
]


def _resolved(loader: type, kind: type, value, implicit) -> str | None:
    return loader.resolve(loader(""), kind, value, implicit)


text_like_yaml = st.text(alphabet="0123456789+-_.:eExXoObB TtZz~nNulLfFaAsSrRyY<=中", max_size=30)


@settings(max_examples=CASES * 3, deadline=None)
@given(
    value=st.one_of(st.sampled_from(PLAIN), text_like_yaml, st.text(max_size=12)),
    implicit=st.sampled_from([(True, False), (False, True), (False, False), (True, True)]),
)
def test_the_lean_resolver_gives_pyyamls_tag_for_every_scalar(value, implicit):
    lean, generic = LOADERS["libyaml"]
    expected = _resolved(generic, ScalarNode, value, implicit)
    assert _resolved(lean, ScalarNode, value, implicit) == expected


def test_the_lean_resolver_gives_the_collection_tags_and_every_kind_of_scalar():
    lean, generic = LOADERS["pure"]
    for kind in (SequenceNode, yamlio.pyyaml.MappingNode):
        for implicit in (True, False):
            assert _resolved(lean, kind, None, implicit) == _resolved(generic, kind, None, implicit)
    kinds = {_resolved(lean, ScalarNode, value, (True, False)) for value in [*PLAIN, ""]}
    assert kinds == {f"tag:yaml.org,2002:{kind}" for kind in yamlio._SCALAR_TAGS | {"str"}}


def test_a_table_the_lean_resolver_cannot_join_keeps_pyyamls_methods():
    def loader(*resolvers) -> type:
        made = type("Made", (yamlbuild.LeanResolver, yamlio.pyyaml.SafeLoader), {})
        made.yaml_implicit_resolvers = {}
        for tag, pattern in resolvers:
            made.add_implicit_resolver(tag, re.compile(pattern), list("0123456789w"))
        made.index_implicit_resolvers()
        return made

    digits = ("tag:yaml.org,2002:int", r"^[0-9]+$")
    assert loader(digits).resolve is yamlbuild.LeanResolver.resolve
    capturing = loader(digits, ("tag:example:word", r"^(w)ord$"))
    assert capturing.resolve is BaseResolver.resolve
    assert _resolved(capturing, ScalarNode, "word", (True, False)) == "tag:example:word"
    assert _resolved(capturing, ScalarNode, "12", (True, False)) == digits[0]


# ---- whole documents --------------------------------------------------------------------------


@dataclass(frozen=True)
class Scalar:
    text: str  # as written in the file


@dataclass(frozen=True)
class Seq:
    items: tuple
    flow: bool


@dataclass(frozen=True)
class Map:
    pairs: tuple
    flow: bool


def _quoted(text: str, double: bool) -> str:
    return json.dumps(text, ensure_ascii=False) if double else "'" + text.replace("'", "''") + "'"


# Text the file gate lets through (control and format characters are refused before YAML).
printable = st.characters(blacklist_categories=("Cc", "Cs", "Cf", "Zl", "Zp"))
scalars = st.one_of(
    st.sampled_from(PLAIN).map(Scalar),
    st.builds(_quoted, st.sampled_from(PLAIN), st.booleans()).map(Scalar),
    st.builds(_quoted, st.text(printable, max_size=8), st.just(True)).map(Scalar),
)
# A small pool, so that keys repeat: equal keys written differently (1, 0x1, 1.0, true) too.
plain_keys = st.sampled_from(
    ["id", "a", "b", "名称", "1", "0x1", "1.0", "true", "~", "2022-03-05", "NO", "<<", "'<<'"]
)


def _documents(max_leaves: int):
    def collections(children):
        plain, complex_key = plain_keys.map(Scalar), st.lists(scalars, max_size=2).map(_flow_key)
        # a complex key now and then (one in a document refuses the whole document)
        keys = st.integers(0, 24).flatmap(lambda n: complex_key if n == 0 else plain)
        return st.one_of(
            st.builds(Seq, st.lists(children, max_size=4).map(tuple), st.booleans()),
            st.builds(
                Map, st.lists(st.tuples(keys, children), max_size=4).map(tuple), st.booleans()
            ),
        )

    return st.recursive(scalars, collections, max_leaves=max_leaves)


def _flow_key(items: list) -> Seq:
    return Seq(tuple(items), True)  # a complex key: `? [a, b]`


def flow(node) -> str:
    if isinstance(node, Scalar):
        return node.text
    if isinstance(node, Seq):
        return "[" + ", ".join(flow(item) for item in node.items) + "]"
    return "{" + ", ".join(f"{flow(key)}: {flow(value)}" for key, value in node.pairs) + "}"


def block(node, indent: int = 0) -> list[str]:
    pad = " " * indent
    if (
        isinstance(node, Scalar)
        or node.flow
        or not (node.items if isinstance(node, Seq) else node.pairs)
    ):
        return [pad + flow(node)]
    lines = []
    if isinstance(node, Seq):
        for item in node.items:
            lines += _entry(f"{pad}-", item, indent)
        return lines
    for key, value in node.pairs:
        if isinstance(key, Seq):
            lines += [f"{pad}? {flow(key)}", f"{pad}: {flow(value)}"]
        else:
            lines += _entry(f"{pad}{key.text}:", value, indent)
    return lines


def _entry(head: str, value, indent: int) -> list[str]:
    if (
        isinstance(value, Scalar)
        or value.flow
        or not (value.items if isinstance(value, Seq) else value.pairs)
    ):
        return [f"{head} {flow(value)}"]
    return [head, *block(value, indent + 2)]


def text_of(node, style: str) -> str:
    return (flow(node) if style == "flow" else "\n".join(block(node))) + "\n"


@settings(
    max_examples=CASES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(document=_documents(max_leaves=20), style=st.sampled_from(["block", "flow"]))
def test_generated_documents_read_the_same_on_both_paths(document, style):
    assert_same_reading(text_of(document, style))


# ---- cases computed by hand ------------------------------------------------------------------


def _nested(depth: int, inner: str) -> str:
    return "[" * depth + inner + "]" * depth + "\n"


BY_HAND = {
    # name: (text, None for a value, else the problem's (line, column, words in its message))
    "every kind of value": (
        "- a: 1\n  b: [NO, 2022-03-05, ~, 0x1F, 0o17, 017, 1.5, true, '12', .inf]\n"
        "  c: 2022-03-16 10:20:00+08:00\n  d:\n  e: {f: [g, 中文]}\n",
        None,
    ),
    "a key equal to an earlier one": ("a: 1\n0x1: 2\n1.0: 3\n", (3, 1, "duplicate key")),
    "a merge key": ("a: 1\n<<: {b: 2}\n", (2, 1, "<<")),
    "a quoted << is text": ("'<<': 1\n", None),
    "a complex key": ("a: 1\n? [a, b]\n: 1\n", (2, 3, "not a plain value")),
    "an impossible date": ("- a: 2022-03-05\n  b: 2022-02-30\n", (2, 6, "2022-02-30")),
    # PyYAML fills nested collections a level at a time: the second record's duplicate (level
    # 1) is met before the first record's nested one (level 2), though it comes later
    "problems at two levels": (
        "- a:\n    x: 1\n    x: 2\n- b: 1\n  b: 2\n",
        (5, 3, "duplicate key"),
    ),
    # 32 levels of lists hold a value at depth 32, the limit; empty lists count only themselves
    "nesting at the limit": (_nested(32, "1"), None),
    "nesting past the limit": (_nested(33, "1"), (1, 1, "32")),
    "empty lists at the limit": (_nested(33, ""), None),
    "empty lists past the limit": (_nested(34, ""), (1, 1, "32")),
    "too deep, with a duplicate deeper still": (_nested(33, "{a: 1, a: 2}"), (1, 41, "duplicate")),
}


@pytest.mark.parametrize("case", list(BY_HAND))
def test_cases_computed_by_hand_read_the_same_on_both_paths(case):
    text, problem = BY_HAND[case]
    read = assert_same_reading(text)
    if problem is None:
        assert read[0] == "value", read
    else:
        line, col, words = problem
        assert read[:3] == ("problem", line, col) and words in read[3], read


def test_every_kind_of_value_is_read_with_its_type():
    value = yamlio.load_data(BY_HAND["every kind of value"][0])
    assert value == [
        {
            "a": 1,
            "b": ["NO", dt.date(2022, 3, 5), None, 31, 15, 17, 1.5, True, "12", float("inf")],
            "c": dt.datetime(2022, 3, 16, 10, 20, tzinfo=dt.timezone(dt.timedelta(hours=8))),
            "d": None,
            "e": {"f": ["g", "中文"]},
        }
    ]
    assert [type(item) for item in value[0]["b"][6:8]] == [float, bool]
    # 0x1F and 0o17: integers marked as written in another base (check reports them in
    # records); 017 is decimal digits
    assert [(type(item).__name__, int(item)) for item in value[0]["b"][3:6]] == [
        ("WrittenInt", 31),
        ("WrittenInt", 15),
        ("int", 17),
    ]


# Outside plain data (the screen refuses these before parsing; here the tree is built
# directly): a shared node, a recursive one, tags PyYAML knows or not.
UNFAMILIAR = [
    "a: &x [1, {b: 2}]\nc: *x\n",
    "&a [*a]\n",
    "a: &k key\n*k : 2\n",
    "- !!str 123\n- !!int '12'\n- !!float 1\n",
    "!!set {a, b}\n",
    "- !!binary aGVsbG8=\n",
    "- !custom x\n",
    "- !!timestamp 2022-3-1x\n",
    "!!omap [a: 1, b: 2]\n",
]


def constructed(text: str, loader: type, construct) -> tuple:
    parser = loader(text)
    try:
        return ("value", repr(construct(parser, parser.get_single_node())))
    except Exception as error:  # noqa: BLE001 - whatever the generic way raises, we must too
        return ("error", type(error).__name__, str(error))


@pytest.mark.parametrize("text", UNFAMILIAR)
@pytest.mark.parametrize("loader", list(LOADERS))
def test_nodes_outside_plain_data_are_left_to_the_generic_constructor(text, loader):
    lean, generic = LOADERS[loader]
    expected = constructed(text, generic, _generic_construction)
    assert constructed(text, lean, yamlbuild.construct_plain) == expected


def test_a_shared_node_is_built_once_as_the_generic_constructor_does():
    parser = yamlio.FAST_LOADER(UNFAMILIAR[0])
    data = yamlbuild.construct_plain(parser, parser.get_single_node())
    assert data == {"a": [1, {"b": 2}], "c": [1, {"b": 2}]} and data["a"] is data["c"]


# ---- real ledgers -----------------------------------------------------------------------------


def _ledger_texts(root: Path) -> list[str]:
    paths = [root / "tasks.yaml", root / "units.yaml", *sorted(root.glob("progress/*.yaml"))]
    return [path.read_text(encoding="utf-8") for path in paths]


def test_the_shipped_and_sample_ledgers_read_the_same_on_both_paths(sample_once):
    texts = _ledger_texts(sample_once) + [
        p.read_text(encoding="utf-8") for p in FIXTURES.rglob("*.yaml")
    ]
    assert len(texts) >= 7
    for text in texts:
        assert assert_same_reading(text)[0] == "value"


def _month_written_by_record(rng: random.Random, count: int) -> str:
    """A month as `record` writes it (yamlio.record_block), with every optional field."""
    blocks = []
    for serial in range(count):
        day = dt.date(2022, 3, 1 + rng.randrange(31))
        fields = {
            "id": f"{day:%Y%m%d}-{serial:012x}",
            "task": rng.randint(1, 55),
            "date": day,
            "unit": rng.choice(["commerce", "soe-affairs", "market-regulation"]),
            "status": rng.choice(["not_started", "in_progress", "done", "blocked"]),
            "progress": rng.choice([None, 0, 35, 100]),
            "summary": rng.choice(
                ["已启动", "NO", "完成80%&以上", "2022-03-05", "0x1F", "多行\n文本"]
            ),
            "problems": rng.choice([None, "专业人才不足", "yes"]),
            "evidence": rng.choice(
                [None, ["会议纪要"], [{"file": "evidence/ab.pdf", "sha256": "a" * 64}, "照片"]]
            ),
            "corrects": rng.choice([None, f"{day:%Y%m%d}-{serial + 1:012x}"]),
            "recorded_at": dt.datetime(
                2022,
                3,
                day.day,
                rng.randrange(24),
                rng.randrange(60),
                rng.randrange(60),
                tzinfo=dt.timezone(dt.timedelta(minutes=rng.choice([480, 0, -330]))),
            ),
        }
        blocks.append(yamlio.record_block(fields))
    return "".join(blocks)


def test_months_written_by_record_read_the_same_on_both_paths():
    rng = random.Random(14)
    for count in (1, 30, 150):
        text = _month_written_by_record(rng, count)
        read = assert_same_reading(text)
        assert read[0] == "value" and eval(read[1], {"datetime": dt}).__len__() == count


# ---- what a user sees -------------------------------------------------------------------------


@contextmanager
def generic_reading():
    """The product's loader as it was: PyYAML's resolver methods and generic constructor."""
    with (
        generic_path(),
        mock.patch.multiple(
            yamlio.FAST_LOADER,
            resolve=BaseResolver.resolve,
            descend_resolver=BaseResolver.descend_resolver,
            ascend_resolver=BaseResolver.ascend_resolver,
        ),
    ):
        yield


def test_check_reports_the_same_on_both_paths(mini):
    record = RECORD.replace("summary: 已启动", "summary: NO")
    write(mini, MARCH, record + record.replace("r1", "r2").replace("task: 1", "task: 1\n  task: 2"))
    write(
        mini,
        "progress/2022-04.yaml",
        record.replace("r1", "r3").replace("2022-03-10", "2022-04-31"),
    )
    write(mini, "progress/2022-05.yaml", record.replace("r1", "r4") + "  <<: {a: 1}\n")
    write(
        mini,
        "progress/2022-06.yaml",
        record.replace("r1", "r5").replace("2022-03-10", "2022-06-01"),
    )
    cli = Cli(mini, env={"PILOTLEDGER_LANG": "en", "PILOTLEDGER_NO_CACHE": "1"})
    lean = cli("check")
    with generic_reading():
        generic = cli("check")
    assert (lean.exit_code, lean.stdout) == (generic.exit_code, generic.stdout)
    assert lean.exit_code == 1
    lines = [line.split(": ", 1)[0].rsplit("/", 1)[-1] for line in lean.stdout.splitlines()]
    assert lines[:3] == ["2022-03.yaml:10:3", "2022-04.yaml:3:9", "2022-05.yaml:8:3"], lean.stdout
