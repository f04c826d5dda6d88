"""store/ruamel_compat.py against the installed ruamel.yaml: its resolver table is where and how
the module reads it, on a version it was tested with. A new ruamel.yaml fails here first, by
name (tests/reliability/test_yaml_equivalence.py then checks every value reads the same)."""

from __future__ import annotations

import re

import pytest
from ruamel.yaml import resolver

from helpers.ledgers import REPO
from pilotledger.store import ruamel_compat

UNTESTED = (
    f"ruamel.yaml {ruamel_compat.version()} is not a version src/pilotledger/store/"
    f"ruamel_compat.py was tested with ({', '.join(ruamel_compat.TESTED)}): check the layout of"
    " ruamel.yaml.resolver.implicit_resolvers in this version, then add it to TESTED and move"
    " the cap in pyproject.toml"
)
KINDS = {"bool", "float", "int", "null", "timestamp"}


def test_the_installed_ruamel_is_a_tested_version():
    assert ruamel_compat.is_tested(), UNTESTED


def test_pyproject_caps_ruamel_below_the_next_untested_minor_version():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    [pin] = re.findall(r'^\s*"(ruamel\.yaml[^"]*)"', pyproject, re.M)
    cap = re.search(r"<\s*(\d+)\.(\d+)", pin)
    assert cap, f"pyproject.toml does not cap ruamel.yaml ({pin!r}); " + UNTESTED
    newest = max(tuple(map(int, version.split("."))) for version in ruamel_compat.TESTED)
    assert (int(cap[1]), int(cap[2])) == (newest[0], newest[1] + 1), pin


def test_one_yaml_1_2_resolver_per_scalar_kind_as_ruamel_reads_them():
    rows = ruamel_compat.yaml12_resolvers(KINDS)
    assert sorted(tag.rsplit(":", 1)[-1] for tag, _, _ in rows) == sorted(KINDS), UNTESTED
    found = {tag.rsplit(":", 1)[-1]: pattern for tag, pattern, _ in rows}
    # YAML 1.2 as ruamel reads it: yes/NO are text, 0o17 an int, 1_000 an int, ~ a null
    assert found["bool"].match("true") and not found["bool"].match("yes")
    assert found["int"].match("0o17") and found["int"].match("1_000")
    assert found["null"].match("~") and found["timestamp"].match("2022-03-15")
    assert not found["float"].match("1:30.5")  # the YAML 1.1 sexagesimal is text in 1.2


@pytest.mark.parametrize(
    "table",
    [
        [([(1, 2)], "tag:yaml.org,2002:int", "not a pattern", ["1"])],
        [([(1, 2)], "tag:yaml.org,2002:int")],
        "not a list",
    ],
)
def test_a_table_laid_out_otherwise_fails_loudly_naming_the_module(table, monkeypatch):
    monkeypatch.setattr(resolver, "implicit_resolvers", table)
    with pytest.raises(ruamel_compat.UnknownLayout, match="ruamel_compat"):
        ruamel_compat.yaml12_resolvers(KINDS)
