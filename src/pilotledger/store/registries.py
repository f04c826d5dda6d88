"""The two registries written as YAML text (as a person would write them: one field a line,
lists of unit ids and aliases on one line), and checked with the rules `check` applies."""

from __future__ import annotations

import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pilotledger.errors import Finding, YamlProblem
from pilotledger.model import TasksFile, UnitsFile
from pilotledger.store.loader import TASKS_FILE, UNITS_FILE
from pilotledger.store.yamlio import EMIT_WIDTH, _emit_value, load_data

_FLOW = {"lead", "responsible", "aliases", "members"}


def _node(value: Any, key: str | None = None) -> Any:
    if isinstance(value, dict):
        return CommentedMap((k, _node(v, k)) for k, v in value.items())
    if isinstance(value, list):
        seq = CommentedSeq(_node(item) for item in value)
        if key in _FLOW:
            seq.fa.set_flow_style()
        return seq
    return _emit_value(value)


def registry_text(data: dict, heading: str) -> bytes:
    """`data` as YAML, after a comment block `heading` (one `# ` line per line)."""
    yaml = YAML()
    yaml.width = EMIT_WIDTH
    yaml.allow_unicode = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda *_: True  # one date for issued and start: no &anchor
    out = io.StringIO()
    for line in heading.splitlines():
        out.write(f"# {line}".rstrip() + "\n")
    yaml.dump(_node(data), out)
    return out.getvalue().encode("utf-8")


def registry_findings(tasks_text: bytes, units_text: bytes) -> list[Finding]:
    """What `check` would report about these two registries (schema and cross-references)."""
    from pilotledger import checks

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
        values[name], found = checks.validate_model(name, data, model)
        findings += found
    if findings:
        return findings
    unit_ids = {unit.id for unit in values[UNITS_FILE].units}
    findings += checks.check_units(UNITS_FILE, values[UNITS_FILE])
    findings += checks.check_tasks(TASKS_FILE, values[TASKS_FILE], unit_ids)
    return findings
