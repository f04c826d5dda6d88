"""Smaller holes: an alias never hides another unit's id, and a group never records as itself."""

from __future__ import annotations

from helpers.cli import record_args
from helpers.ledgers import write
from reliability.trust import block, snapshot


def test_an_alias_equal_to_another_units_id_is_reported_and_never_redirects(mini, mini_cli):
    units = (
        (mini / "units.yaml").read_text().replace("aliases: [商务委]", "aliases: [商务委, health]")
    )
    (mini / "units.yaml").write_text(units)
    result = mini_cli("--lang", "en", "check")
    assert result.exit_code == 1
    assert "alias `health` of unit `commerce` is the id of another unit" in result.stdout
    assert "别名 `health`" in mini_cli("check").stdout
    from pilotledger.lookup import resolve_unit
    from pilotledger.store.loader import load

    ledger = load(mini).ledger
    assert resolve_unit(ledger, "health").id == "health"


def test_a_group_placeholder_cannot_record_as_itself(mini, mini_cli):
    before = snapshot(mini)
    result = mini_cli(
        "--lang",
        "en",
        *record_args(2, unit="all-related", status="in_progress", summary="x"),
    )
    assert result.exit_code == 1 and "is a group" in result.stderr
    assert snapshot(mini) == before
    member = mini_cli(
        *record_args(2, unit="finance", status="in_progress", summary="x"),
    )
    assert member.exit_code == 0  # a member of the group records for it


def test_check_reports_a_group_recording_as_itself(mini, mini_cli):
    write(mini, "progress/2022-03.yaml", block("g1", task=2, unit="all-related"))
    result = mini_cli("--lang", "en", "check")
    assert (
        result.exit_code == 1 and "2022-03.yaml:4:9: unit `all-related` is a group" in result.stdout
    )
