"""The one use of ruamel.yaml's internals: its table of implicit resolvers (which plain scalar
is a bool, an int, a float, a null or a timestamp in YAML 1.2), read so that PyYAML's fast
loader reads every value exactly as ruamel does (store/yamlio.py). The table is a module-level
list of `(versions, tag, pattern, first characters)` tuples, not a public API;
tests/test_ruamel_compat.py fails, naming this file, on a version not in TESTED.
"""

from __future__ import annotations

import re

import ruamel.yaml
from ruamel.yaml import resolver as _resolver

# The minor versions whose table was read and found in this layout (0.18.17 and 0.19.1 hold the
# same table); pyproject.toml caps ruamel.yaml below the next one.
TESTED = ("0.18", "0.19")
YAML_1_2 = (1, 2)


class UnknownLayout(RuntimeError):
    """ruamel.yaml's resolver table is not laid out as this module reads it."""


def version() -> str:
    return ruamel.yaml.__version__


def is_tested(installed: str | None = None) -> bool:
    return ".".join((installed or version()).split(".")[:2]) in TESTED


def _entry(entry) -> tuple[list, str, re.Pattern, list]:
    """One row of the table, checked: its versions, tag, compiled pattern and first characters."""
    try:
        versions, tag, pattern, first = entry
        compiled = re.compile(pattern.pattern, pattern.flags)  # ruamel compiles lazily
    except (TypeError, ValueError, AttributeError, re.error) as error:
        raise UnknownLayout(
            f"ruamel.yaml {version()}: a row of ruamel.yaml.resolver.implicit_resolvers is not"
            f" (versions, tag, pattern, first characters) ({error}); see {__name__}"
        ) from error
    if not (isinstance(tag, str) and isinstance(versions, list) and isinstance(first, list)):
        raise UnknownLayout(f"ruamel.yaml {version()}: unexpected resolver row {entry!r}")
    return versions, tag, compiled, first


def yaml12_resolvers(kinds: set[str]) -> list[tuple[str, re.Pattern, list]]:
    """(tag, compiled pattern, first characters) of ruamel's YAML 1.2 resolver for each of the
    scalar kinds asked for (`int`, `bool`, …), in the table's order."""
    table = getattr(_resolver, "implicit_resolvers", None)
    if not isinstance(table, list):
        raise UnknownLayout(
            f"ruamel.yaml {version()} has no list ruamel.yaml.resolver.implicit_resolvers;"
            f" see {__name__}"
        )
    rows = [_entry(entry) for entry in table]
    return [
        (tag, compiled, first)
        for versions, tag, compiled, first in rows
        if YAML_1_2 in versions and tag.rsplit(":", 1)[-1] in kinds
    ]
