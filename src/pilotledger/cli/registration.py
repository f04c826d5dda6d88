"""How a command module declares its commands without importing the app or doing their work:
`@command(runs="module:function", ...)` marks a function whose signature and docstring are
the command's options and help, and names the function that does its work. The app
(cli/__init__.py) imports a command module when one of its commands is asked for, registers
what it marks, and imports the module doing the work only when the command runs; so `--help`
loads only the declarations, and the imports point one way: the app loads the command
modules, never they the app."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

MARK = "pilotledger_command"  # a marked function's (what does its work, args, kwargs)


def command(*args, runs: str, **kwargs) -> Callable:
    """Mark a function as a command doing `runs` ("pilotledger.cli.run.status:run_status",
    called with the global options and the parsed parameters by name), taking what
    `typer.Typer.command` takes."""

    def mark(function: Callable) -> Callable:
        setattr(function, MARK, (runs, args, kwargs))
        return function

    return mark


def commands_of(module: ModuleType) -> list[tuple[Callable, str, tuple, dict]]:
    """The module's marked functions, in the order it defines them, with their arguments."""
    return [
        (value, *getattr(value, MARK))
        for value in vars(module).values()
        if callable(value)
        and getattr(value, "__module__", None) == module.__name__
        and hasattr(value, MARK)
    ]
