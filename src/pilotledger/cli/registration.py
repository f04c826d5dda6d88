"""How a command module declares its commands without importing the app: `@command(...)`
marks a function with the arguments of typer's `app.command`; the app (cli/__init__.py)
imports the module when one of its commands is asked for and registers what it marks. So the
imports point one way: the app loads the command modules, never they the app."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

MARK = "pilotledger_command"  # the attribute holding a marked function's (args, kwargs)


def command(*args, **kwargs) -> Callable:
    """Mark a function as a command, taking what `typer.Typer.command` takes."""

    def mark(function: Callable) -> Callable:
        setattr(function, MARK, (args, kwargs))
        return function

    return mark


def commands_of(module: ModuleType) -> list[tuple[Callable, tuple, dict]]:
    """The module's marked functions, in the order it defines them, with their arguments."""
    return [
        (value, *getattr(value, MARK))
        for value in vars(module).values()
        if callable(value)
        and getattr(value, "__module__", None) == module.__name__
        and hasattr(value, MARK)
    ]
