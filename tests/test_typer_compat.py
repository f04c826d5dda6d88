"""cli/typer_compat.py against the installed typer: every internal it reaches for is there and
behaves as read, on a version it was tested with. A new typer fails here first, by name."""

from __future__ import annotations

import enum
import re

import pytest
import typer
import typer.core
import typer.main

from helpers.ledgers import REPO
from pilotledger.cli import app, typer_compat

UNTESTED = (
    f"typer {typer.__version__} is not a version src/pilotledger/cli/typer_compat.py was tested"
    f" with ({', '.join(typer_compat.TESTED)}): read each of its uses of typer's internals"
    " against this typer, then add the version to TESTED and move the cap in pyproject.toml"
)


class Kind(str, enum.Enum):
    first = "first"
    second = "second"


def probe_app() -> typer.Typer:
    probe = typer.Typer()

    @probe.command()
    def one(
        flag: bool = typer.Option(False, "--flag"),
        number: int = typer.Option(0, "--number"),
        kind: Kind | None = typer.Option(None, "--kind"),
        text: str | None = typer.Option(None, "--text"),
    ) -> None:
        print(repr((flag, number, kind, text)))

    @probe.command()
    def two() -> None:
        pass

    return probe


def parser_error(*args: str) -> Exception:
    with pytest.raises(typer_compat.ParserError) as raised:
        typer.main.get_command(probe_app()).main(list(args), standalone_mode=False)
    return raised.value


def test_the_installed_typer_is_a_tested_version():
    assert typer_compat.is_tested(), UNTESTED


def test_pyproject_caps_typer_below_the_next_untested_minor_version():
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    [typer_pin] = re.findall(r'^\s*"(typer[^"]*)"', pyproject, re.M)
    cap = re.search(r"<\s*(\d+)\.(\d+)", typer_pin)
    assert cap, f"pyproject.toml does not cap typer ({typer_pin!r}); " + UNTESTED
    newest = max(tuple(map(int, version.split("."))) for version in typer_compat.TESTED)
    assert (int(cap[1]), int(cap[2])) == (newest[0], newest[1] + 1), typer_pin


def test_typer_still_has_the_internals_the_patch_replaces():
    assert typer_compat.skip_pydantic_coercion(), (
        "typer.core._TyperParameter.process_value/get_runtime_param or"
        " typer._param_types.coerce_cli_choice is gone: " + UNTESTED
    )


@pytest.mark.parametrize(
    "args, expected",
    [
        (["one"], (False, 0, None, None)),
        (["one", "--kind", "second", "--text", "字"], (False, 0, Kind.second, "字")),
        (["one", "--flag", "--number", "7"], (True, 7, None, None)),
    ],
)
def test_values_passed_through_are_what_typer_gives(args, expected, capsys):
    typer_compat.skip_pydantic_coercion()
    typer.main.get_command(probe_app()).main(args, standalone_mode=False)
    assert capsys.readouterr().out.strip() == repr(expected)


def test_a_refused_choice_is_still_typers_error_with_pydantics_cause():
    error = parser_error("one", "--kind", "third")
    assert isinstance(error, typer_compat.BadParameter)
    assert typer_compat.given_value(error) == "third"
    assert typer_compat.annotation_of(error.param) is Kind


def test_clicks_english_wording_is_still_recognised():
    flag_given_a_value = parser_error("one", "--flag=yes")
    assert isinstance(flag_given_a_value, typer_compat.BadOptionUsage)
    assert typer_compat.takes_no_value(flag_given_a_value), flag_given_a_value.message
    value_missing = parser_error("one", "--number")
    assert not typer_compat.takes_no_value(value_missing), value_missing.message
    extra = parser_error("one", "x", "y")
    assert typer_compat.extra_arguments(extra) == "x y", extra.message
    assert typer_compat.missing_command(parser_error()), parser_error().message
    not_a_number = parser_error("one", "--number", "abc")
    assert typer_compat.given_value(not_a_number) == "abc"
    assert typer_compat.annotation_of(not_a_number.param) is int


def test_command_names_and_commands_are_built_as_typer_builds_them():
    def known_at() -> None:
        pass

    assert typer_compat.command_name(known_at) == "known-at"
    app.build_command("status")  # imports the module that registers it
    status = typer_compat.click_command(app.lazy_commands["status"], app)
    assert status.name == "status" and "--format" in {o for p in status.params for o in p.opts}


def test_the_patch_gives_what_typers_own_coercion_gives_for_every_status_option():
    typer_compat.skip_pydantic_coercion()
    status = app.build_command("status")
    patched = typer.core._TyperParameter.process_value
    original = patched.typer_process_value
    context = status.make_context("status", [], resilient_parsing=True)
    for param in status.params:
        for value in (None, "plain", "json", "2022-06-30", "县商务委", True, False):
            if isinstance(value, bool) != (typer_compat.annotation_of(param) is bool):
                continue
            try:
                expected = original(param, context, value)
            except typer_compat.BadParameter:
                with pytest.raises(typer_compat.BadParameter):
                    patched(param, context, value)
                continue
            assert patched(param, context, value) == expected, (param.name, value)
