"""Docs and code agree, and the layers import in one direction."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from helpers.ledgers import REPO
from pilotledger.cli import COMMAND_MODULES, app

PACKAGE = REPO / "src" / "pilotledger"
COMMANDS = sorted(COMMAND_MODULES)


def test_every_command_is_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert [c for c in COMMANDS if f"pilotledger {c}" not in readme] == []


@pytest.mark.parametrize("command", [*COMMANDS, None])
def test_every_command_help_ends_with_an_example(cli, command):
    result = cli(*([command] if command else []), "--help")
    assert result.exit_code == 0
    last_line = result.stdout.rstrip().splitlines()[-1].strip()
    assert last_line.startswith(f"Example: pilotledger {command or ''}".rstrip()), last_line
    assert result.stdout.count("Example:") == 1


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def module_files():
    return {
        path.relative_to(PACKAGE).as_posix(): imports_of(path) for path in PACKAGE.rglob("*.py")
    }


# Where each third-party library may be imported (one home each).
HOMES = {
    "rich": ("render/terminal.py",),
    "tabulate": ("render/text_formats.py",),
    "openpyxl": ("render/xlsx.py", "forms/write.py", "forms/read.py", "planimport/sources.py"),
    "docx": ("render/docx.py", "planimport/sources.py"),
    "pdfplumber": ("planimport/sources.py",),
    "pypinyin": ("planimport/units.py",),
    "PIL": ("render/chart_image.py",),
    "rjieba": ("render/titles.py",),
    "ruamel": ("store/",),
    "yaml": ("store/",),
    "filelock": ("store/",),
    "typer": ("cli/",),
}

# Modules that must not import upwards (a lower layer never imports a higher one). The layers,
# bottom up: model and its peers ← checks ← store ← rules ← views (plain data + Document) ←
# render ← cli; gitflow beside them, under cli, and ledger_check (check's gathering, from store
# and gitflow) above gitflow, under cli.
ABOVE_DATA = (
    "pilotledger.store",
    "pilotledger.gitflow",
    "pilotledger.ledger_check",
    "pilotledger.render",
    "pilotledger.cli",
    "pilotledger.site",
)
ABOVE_RULES = (
    *ABOVE_DATA,
    "pilotledger.views",
)
ABOVE_MODEL = (
    *ABOVE_RULES,
    "pilotledger.rules",
    "pilotledger.validation",
    "pilotledger.corrections",
    "pilotledger.lookup",
    "pilotledger.recording",
    "pilotledger.document",
)
FORBIDDEN = {
    "model.py": ABOVE_MODEL,
    "errors.py": ("pilotledger.",),
    "jsondata.py": ("pilotledger.",),
    "dates.py": ABOVE_MODEL,
    "wording/": ABOVE_MODEL + ("pilotledger.model",),
    "corrections.py": ABOVE_MODEL,
    "validation.py": ABOVE_RULES + ("pilotledger.rules",),
    "rules.py": ABOVE_RULES,
    "views/": ABOVE_DATA,
    "recording.py": ABOVE_RULES,
    "document.py": ABOVE_MODEL,
    "official.py": ABOVE_RULES,  # beside document.py, whose Table its annexes hold
    "store/": tuple(n for n in ABOVE_RULES if n != "pilotledger.store") + ("pilotledger.rules",),
    "render/": (
        "pilotledger.store",
        "pilotledger.gitflow",
        "pilotledger.cli",
        "pilotledger.site",
        "pilotledger.rules",
        "pilotledger.views",
    ),
    "gitflow/": (
        "pilotledger.render",
        "pilotledger.cli",
        "pilotledger.site",
        "pilotledger.ledger_check",
        "pilotledger.views",
    ),
    "ledger_check.py": ("pilotledger.render", "pilotledger.cli", "pilotledger.site"),
    "site/": ("pilotledger.cli", "pilotledger.gitflow", "pilotledger.ledger_check"),
    # a plan read into plain registry data: it reads the plan file (store.files) and nothing
    # of a ledger; the CLI writes the ledger
    "planimport/": (
        "pilotledger.render",
        "pilotledger.cli",
        "pilotledger.site",
        "pilotledger.gitflow",
        "pilotledger.ledger_check",
        "pilotledger.store.loader",
        "pilotledger.store.writer",
        "pilotledger.views",
    ),
    # forms: plain data, rules and the form workbooks; the CLI reads and writes their files
    "forms/": (
        "pilotledger.store",
        "pilotledger.gitflow",
        "pilotledger.ledger_check",
        "pilotledger.cli",
        "pilotledger.site",
    ),
}


def test_each_library_has_one_home():
    wrong = [
        (module, library)
        for module, names in module_files().items()
        for library, homes in HOMES.items()
        if any(name == library or name.startswith(library + ".") for name in names)
        and not module.startswith(homes)
    ]
    assert wrong == []


def test_imports_point_one_way():
    wrong = [
        (module, name)
        for module, names in module_files().items()
        for prefix, banned in FORBIDDEN.items()
        if module.startswith(prefix)
        for name in names
        if name.startswith(banned)
    ]
    assert wrong == []


def test_the_bundled_registries_are_the_shipped_ones():
    for name in ("tasks.yaml", "units.yaml"):
        assert (PACKAGE / "bundled" / name).read_bytes() == (REPO / "data" / name).read_bytes(), (
            name
        )


def test_only_the_site_writer_reaches_the_store():
    """Site pages are built from data; site/output.py alone touches files (and reads evidence
    through store.files)."""
    reaching = sorted(
        module
        for module, names in module_files().items()
        if module.startswith("site/") and any(n.startswith("pilotledger.store") for n in names)
    )
    assert reaching == ["site/output.py"]


def module_map() -> set[str]:
    """The module files the README's map under "Development" names (indentation = package)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Development", 1)[1].split("```", 2)[1]
    named, packages = set(), []  # packages: (indent, name) of the open package folders
    for line in block.splitlines():
        stripped = line.lstrip()
        if not stripped or line == stripped:  # blank, or the root line
            continue
        indent, word = len(line) - len(stripped), stripped.split()[0]
        packages = [(i, name) for i, name in packages if i < indent]
        if word.endswith("/"):
            packages.append((indent, word))
        elif word.endswith(".py"):
            named.add("".join(name for _, name in packages) + word)
    return named


def test_the_readme_module_map_matches_the_tree():
    files = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*.py")}
    assert module_map() == files


def test_each_command_is_registered_by_the_module_the_table_names():
    """cli.COMMAND_MODULES (which module to import to build a command) is what the modules
    register: every command, each in its module, and nothing else."""
    import importlib

    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"pilotledger.cli.{module}")
    registered = {
        name: info.callback.__module__.rsplit(".", 1)[-1]
        for name, info in app.lazy_commands.items()
    }
    assert registered == COMMAND_MODULES
