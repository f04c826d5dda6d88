"""The two registries written as YAML text (as a person would write them: one field a line,
lists of unit ids and aliases on one line), and checked with the rules `check` applies.

PyYAML's emitter writes them (ruamel's round-trip dumper took seconds for 300 tasks): block
style, sequences indented under their key as in the shipped registries, text never folded."""

from __future__ import annotations

from typing import Any

import yaml as pyyaml

from pilotledger import validation
from pilotledger.errors import Finding, YamlProblem
from pilotledger.model import TasksFile, UnitsFile
from pilotledger.store.loader import TASKS_FILE, UNITS_FILE
from pilotledger.store.yamlio import EMIT_WIDTH, load_data

_FLOW = {"lead", "responsible", "aliases", "members"}


class _Flow(list):
    """A list written on one line: [a, b]."""


class _RegistryDumper(pyyaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)  # "  - number: 1" under "tasks:"

    def ignore_aliases(self, data: Any) -> bool:
        return True  # one date for issued and start: never an &anchor


_RegistryDumper.add_representer(
    _Flow,
    lambda dumper, data: dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True),
)


def _marked(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return {k: _marked(v, k) for k, v in value.items()}
    if isinstance(value, list):
        items = [_marked(item) for item in value]
        return _Flow(items) if key in _FLOW else items
    return value


def registry_text(data: dict, heading: str) -> bytes:
    """`data` as YAML, after a comment block `heading` (one `# ` line per line)."""
    comment = "".join(f"# {line}".rstrip() + "\n" for line in heading.splitlines())
    text = pyyaml.dump(
        _marked(data),
        Dumper=_RegistryDumper,
        allow_unicode=True,
        sort_keys=False,
        width=EMIT_WIDTH,
        default_flow_style=False,
    )
    return (comment + text).encode("utf-8")


def registry_findings(tasks_text: bytes, units_text: bytes) -> list[Finding]:
    """What `check` would report about these two registries (schema and cross-references)."""
    values, findings = {}, []
    for name, text, model in (
        (UNITS_FILE, units_text, UnitsFile),
        (TASKS_FILE, tasks_text, TasksFile),
    ):
        try:
            data = load_data(text.decode("utf-8"))
        except YamlProblem as problem:
            findings.append(Finding(name, (), problem.message))
            continue
        values[name], found = validation.validate_model(name, data, model)
        findings += found
    if findings:
        return findings
    unit_ids = {unit.id for unit in values[UNITS_FILE].units}
    findings += validation.check_units(UNITS_FILE, values[UNITS_FILE])
    findings += validation.check_tasks(TASKS_FILE, values[TASKS_FILE], unit_ids)
    return findings
