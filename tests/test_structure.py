"""Docs and code agree, and the layers import in one direction."""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

from helpers.ledgers import REPO
from pilotledger.cli import COMMAND_MODULES, app

PACKAGE = REPO / "src" / "pilotledger"
COMMANDS = sorted(COMMAND_MODULES)


@cache
def parsed(path: Path) -> ast.Module:
    """A source file's syntax tree, parsed once per test run (several rules walk every file)."""
    return ast.parse(path.read_text(encoding="utf-8"))


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
    tree = parsed(path)
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
    "openpyxl": (
        "render/xlsx.py",
        "render/xlsx_styles.py",
        "forms/write.py",
        "forms/read.py",
        "forms/openpyxl_compat.py",
        "planimport/sources.py",
    ),
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

# The layers, bottom up: a unit (a top-level module or package of pilotledger) imports only
# units of lower layers, never a peer of its own layer nor anything above it, so no two units
# can import each other (the i18n ⇄ messages kind of cycle). Imports inside functions count;
# those under `if TYPE_CHECKING:` do not. Every unit is in exactly one layer.
LAYERS = [
    ("__init__", "errors", "jsondata", "textgate", "document"),  # no pilotledger imports
    ("wording", "official"),  # every word; the official layout of a Document
    ("render",),  # Documents as text, files and terminal output: nothing of a ledger
    ("model", "dates"),  # the data types; the clock and calendar
    ("corrections", "schema", "lookup"),
    ("validation",),  # a file's findings
    ("rules",),  # pure rules on a ledger and a day
    ("registry_change",),  # the rules run on two registries: what a change does to judgments
    ("recording", "views"),  # a new record's rules; each view
    ("forms",),  # the fill-in forms: written, read back, drafted through recording
    ("store",),  # the only layer that touches ledger files
    ("gitflow", "planimport", "site"),
    ("ledger_check",),  # the whole of `check`, from store and gitflow
    ("cli",),  # parse, call, print
    ("__main__",),
]


def _statements(body: list[ast.stmt]):
    """Every statement of a body and of the bodies nested in it (functions, classes, if, try,
    with, loops, match), but not those under `if TYPE_CHECKING:` (for type checkers only).
    Imports are statements, so expressions need not be walked (a whole-tree walk costs 3×)."""
    for node in body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        yield node
        for field in ("body", "orelse", "finalbody", "handlers", "cases"):
            inner = getattr(node, field, None)
            if isinstance(inner, list):
                yield from _statements(inner)


@cache
def runtime_import_nodes(path: Path) -> list[ast.Import | ast.ImportFrom]:
    """A file's import statements, at the top or inside functions, but not those under
    `if TYPE_CHECKING:` (for type checkers only)."""
    return [
        node
        for node in _statements(parsed(path).body)
        if isinstance(node, (ast.Import, ast.ImportFrom))
    ]


def runtime_imports(path: Path) -> set[str]:
    """The pilotledger modules a file imports when it runs (not those for type checkers)."""
    names = set()
    for node in runtime_import_nodes(path):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif node.module == "pilotledger":
            names |= {f"pilotledger.{alias.name}" for alias in node.names}
        elif node.module:
            names.add(node.module)
    return {name for name in names if name.startswith("pilotledger.")}


def module_name(path: Path, package: Path) -> str:
    """`pilotledger.store.loader` for …/pilotledger/store/loader.py (a package: its folder)."""
    parts = path.relative_to(package.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_edges(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Module → the package's modules it imports when it runs (inside functions too).
    `from a import b` counts as importing a (b is read from a's namespace, so a must have run
    far enough) and the module a.b where there is one."""
    files = {module_name(path, package): path for path in package.rglob("*.py")}
    edges = {}
    for module, path in files.items():
        names = set()
        for node in runtime_import_nodes(path):
            if isinstance(node, ast.Import):
                names |= {alias.name for alias in node.names}
            elif node.module and not node.level:
                names.add(node.module)
                names |= {f"{node.module}.{alias.name}" for alias in node.names}
        edges[module] = {name for name in names if name in files and name != module}
    return edges


def import_cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every set of two or more modules that import one another, directly or round a loop
    (the strongly connected components of the import graph), each sorted."""
    reach = {module: _reachable(module, edges) for module in edges}
    cycles = {
        tuple(sorted(other for other in reach[module] if module in reach[other]))
        for module in edges
        if module in reach[module]
    }
    return sorted(list(cycle) for cycle in cycles)


def _reachable(start: str, edges: dict[str, set[str]]) -> set[str]:
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        module = todo.pop()
        if module not in seen:
            seen.add(module)
            todo.extend(edges.get(module, ()))
    return seen


def unit_of(path: Path) -> str:
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def unit_edges() -> dict[str, set[str]]:
    """Unit → the other units it imports."""
    units = {unit_of(path) for path in PACKAGE.rglob("*.py")}
    edges: dict[str, set[str]] = {unit: set() for unit in units}
    for path in PACKAGE.rglob("*.py"):
        unit = unit_of(path)
        for name in runtime_imports(path):
            other = name.split(".")[1]
            other = other if other in units else "__init__"  # pilotledger.__version__
            if other != unit:
                edges[unit].add(other)
    return edges


def layering_violations(edges: dict[str, set[str]], layers: list[tuple[str, ...]]) -> list:
    """(unit, imported unit) for every import that does not point to a lower layer."""
    level = {unit: index for index, layer in enumerate(layers) for unit in layer}
    return sorted(
        (unit, other)
        for unit, others in edges.items()
        for other in others
        if level[other] >= level[unit]
    )


def test_every_unit_is_in_exactly_one_layer():
    placed = [unit for layer in LAYERS for unit in layer]
    assert len(placed) == len(set(placed))
    assert sorted(placed) == sorted(unit_edges())


def test_imports_point_down_the_declared_layers():
    assert layering_violations(unit_edges(), LAYERS) == []


def test_the_layering_check_catches_a_cycle_and_an_upward_import():
    """The check itself can fail: two peers importing each other (i18n ⇄ messages, as it was)
    and a lower layer importing a higher one."""
    cycle = {"i18n": {"messages"}, "messages": {"i18n"}, "cli": {"i18n"}}
    assert layering_violations(cycle, [("i18n", "messages"), ("cli",)]) == [
        ("i18n", "messages"),
        ("messages", "i18n"),
    ]
    assert layering_violations({"model": {"cli"}, "cli": set()}, [("model",), ("cli",)]) == [
        ("model", "cli")
    ]


def test_no_modules_import_each_other():
    """Within a layer too (store.loader ⇄ store.parallel, and cli ⇄ cli.usage through
    `from pilotledger.cli import typer_compat`, as they were): what two modules share lives in
    a module below both."""
    assert import_cycles(module_edges()) == []


def test_the_cycle_check_sees_imports_inside_functions(tmp_path):
    """The check itself can fail: a cycle closed by an import inside a function, one round
    three modules, and a submodule taking a sibling from its package's namespace while the
    package imports it, in a package written here."""
    package = tmp_path / "pkg"
    (package / "g").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "a.py": "from pkg import b\n",
        "b.py": "def later():\n    from pkg.a import name\n",
        "c.py": "import pkg.d\n",
        "d.py": "from pkg.e import thing\n",
        "e.py": "from pkg import c\n",
        "f.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg import a\n",
        "g/__init__.py": "def later():\n    from pkg.g.h import name\n",
        "g/h.py": "from pkg.g import i\n",
        "g/i.py": "",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    assert module_edges(package)["pkg.f"] == set()  # for type checkers only: no cycle
    assert import_cycles(module_edges(package)) == [
        ["pkg.a", "pkg.b"],
        ["pkg.c", "pkg.d", "pkg.e"],
        ["pkg.g", "pkg.g.h"],
    ]


# Where an import may wait inside a function (issue 19), everywhere else it is at the top of
# its file. Two seams:
# 1. Which command's code loads: the app imports a command's module, and the module doing its
#    work (cli/run/, recordflow) when it runs, with import_module; a function of a module that
#    `--help` loads (the app, the command modules, completion) may import such a module too.
# 2. The heavy libraries, each imported where it is first needed: the renderers and parsers,
#    pydantic and the validating layer over it, and the stdlib's process pool, threads and
#    temporary files (only a cold read and the writers use them) -- directly, or through one of
#    our modules that imports one of them at its top (render/terminal.py: rich).
HEAVY_LIBRARIES = (
    *("rich", "tabulate", "wcwidth", "openpyxl", "docx", "pdfplumber", "pypinyin", "PIL"),
    *("rjieba", "ruamel", "yaml", "filelock", "pydantic"),
    *("multiprocessing", "concurrent.futures", "tempfile"),
)
# pydantic's validating layer, and the process pool's home (which starts a pool only for a
# large read): a read loads them only for what the cache cannot serve
DEFERRED_MODULES = ("schema", "validation", "store.parallel")
COMMAND_WORK = ("cli.run", "cli.recordflow")
LOADED_FOR_HELP = ("cli", "cli.completion", *(f"cli.{m}" for m in set(COMMAND_MODULES.values())))


def _within(name: str, prefixes) -> bool:
    return any(name == prefix or name.startswith(prefix + ".") for prefix in prefixes)


def _deferred(tree: ast.Module) -> tuple[list, list]:
    """(the imports at the top of a file, the imports inside its functions), neither counting
    those under `if TYPE_CHECKING:` (statements walked as _statements walks them)."""
    top: list = []
    inside: list = []

    def walk(body: list[ast.stmt], in_function: bool) -> None:
        for node in body:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                continue
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                (inside if in_function else top).append(node)
            nested = in_function or isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            for field in ("body", "orelse", "finalbody", "handlers", "cases"):
                inner = getattr(node, field, None)
                if isinstance(inner, list):
                    walk(inner, nested)

    walk(tree.body, False)
    return top, inside


def _targets(node, files) -> list[str]:
    """The modules an import statement loads: `from a import b` loads a.b where that is a
    module, else a."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    return [
        f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in files else node.module
        for alias in node.names
    ]


def deferred_imports_outside_the_seams(package: Path = PACKAGE) -> list[str]:
    """`file:line: module` for every import inside a function that is at neither seam."""
    name = package.name
    files = {module_name(path, package): path for path in package.rglob("*.py")}
    top, inside = {}, {}
    for module, path in files.items():
        top[module], inside[module] = _deferred(parsed(path))
    heavy = _heavy_modules(files, top)
    seam = (*HEAVY_LIBRARIES, *(f"{name}.{m}" for m in DEFERRED_MODULES), *heavy)
    work = tuple(f"{name}.{m}" for m in COMMAND_WORK)
    light = {f"{name}.{m}".removesuffix(".") for m in LOADED_FOR_HELP}
    wrong = []
    for module, nodes in inside.items():
        for node in nodes:
            for target in _targets(node, files):
                at_a_seam = _within(target, seam) or (module in light and _within(target, work))
                if not at_a_seam:
                    where = files[module].relative_to(package).as_posix()
                    wrong.append(f"{where}:{node.lineno}: {target}")
    return sorted(wrong)


def _heavy_modules(files, top) -> set[str]:
    """Our modules whose top-level imports, followed through our other modules, reach a heavy
    library."""
    heavy: set[str] = set()
    changed = True
    while changed:
        changed = False
        for module in files:
            if module in heavy:
                continue
            targets = [target for node in top[module] for target in _targets(node, files)]
            loaded = {
                ".".join(t.split(".")[:i]) for t in targets for i in range(1, t.count(".") + 2)
            }
            if any(_within(t, HEAVY_LIBRARIES) for t in targets) or loaded & heavy:
                heavy.add(module)
                changed = True
    return heavy


def test_imports_wait_inside_functions_only_at_the_two_seams():
    assert deferred_imports_outside_the_seams() == []


def test_the_seam_check_names_each_import_that_needs_no_wait(tmp_path):
    """The check itself can fail: an import of a light module inside a function, in a package
    written here; one of a heavy library, of a module importing one, and of a command's work
    from a command module pass."""
    package = tmp_path / "pkg"
    (package / "cli" / "run").mkdir(parents=True)
    files = {
        "__init__.py": "",
        "light.py": "",
        "tables.py": "import tabulate\n",
        "uses.py": "def f():\n    import tabulate\n    from pkg import tables\n\n"
        "def g():\n    from pkg.light import x\n",
        "cli/__init__.py": "",
        "cli/run/__init__.py": "",
        "cli/run/status.py": "from pkg import light\n",
        f"cli/{COMMAND_MODULES['status']}.py": "def status():\n"
        "    from pkg.cli.run.status import run\n",
        "cli/run/other.py": "def h():\n    from pkg.cli.run.status import run\n",
    }
    for name, text in files.items():
        (package / name).write_text(text, encoding="utf-8")
    assert deferred_imports_outside_the_seams(package) == [
        "cli/run/other.py:2: pkg.cli.run.status",
        "uses.py:6: pkg.light",
    ]


def test_the_plan_import_reads_files_through_store_files_only():
    """A plan read into plain registry data: it reads the plan file (store.files) and nothing
    of a ledger; the CLI writes the ledger."""
    reaching = {
        name
        for path in (PACKAGE / "planimport").rglob("*.py")
        for name in runtime_imports(path)
        if name.startswith("pilotledger.store")
    }
    assert reaching <= {"pilotledger.store.files"}


def test_each_library_has_one_home():
    wrong = [
        (module, library)
        for module, names in module_files().items()
        for library, homes in HOMES.items()
        if any(name == library or name.startswith(library + ".") for name in names)
        and not module.startswith(homes)
    ]
    assert wrong == []


def test_tests_import_their_helpers_from_helpers_not_from_a_conftest():
    """A conftest holds fixtures, which pytest hands out; what tests import is in helpers/."""
    tests = REPO / "tests"
    importing = sorted(
        path.relative_to(tests).as_posix()
        for path in tests.rglob("*.py")
        if CONFTEST_IMPORT.search(path.read_text(encoding="utf-8"))
    )
    assert importing == []


# `import conftest`, `from conftest import …`, `from reliability.conftest import …`, at any
# indentation (a line scan: parsing every test file cost a second)
CONFTEST_IMPORT = re.compile(r"^[ \t]*(?:from|import)[ \t]+(?:[\w.]+\.)?conftest\b", re.MULTILINE)


def test_the_conftest_import_check_sees_every_form():
    for line in (
        "import conftest",
        "from conftest import Cli",
        "    from reliability.conftest import x",
    ):
        assert CONFTEST_IMPORT.search(f"x = 1\n{line}\n"), line
    assert not CONFTEST_IMPORT.search("# conftest holds fixtures\nfrom helpers.cli import Cli\n")


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
    declare: every command, each in its module, and nothing else (all of them built, every
    module has been imported and everything it declares registered)."""
    for name in COMMAND_MODULES:  # each module's commands set aside as it is imported
        assert app.build_command(name) is not None, name
    registered = {
        name: info.callback.__module__.rsplit(".", 1)[-1]
        for name, info in app.lazy_commands.items()
    }
    assert registered == COMMAND_MODULES


def test_each_command_runs_a_function_taking_its_parameters():
    """What `@command(runs=...)` names exists and takes the global options, then exactly the
    command's parameters by name (a parameter renamed on one side only fails here, not at a
    clerk's desk)."""
    import importlib
    import inspect

    from pilotledger.cli.registration import commands_of

    for module in set(COMMAND_MODULES.values()):
        for function, runs, _, _ in commands_of(
            importlib.import_module(f"pilotledger.cli.{module}")
        ):
            target, _, name = runs.partition(":")
            run = getattr(importlib.import_module(target), name)
            declared = [p for p in inspect.signature(function).parameters if p != "ctx"]
            taken = inspect.signature(run).parameters
            assert list(taken)[0] == "options", runs
            accepts_more = any(p.kind is p.VAR_KEYWORD for p in taken.values())
            named = {p for p in list(taken)[1:] if taken[p].kind is not taken[p].VAR_KEYWORD}
            assert named <= set(declared) and (accepts_more or named == set(declared)), runs
