"""Evidence (佐证材料): a file given to --evidence is stored once under evidence/, named by its
sha256; the record keeps {file, sha256}; text stays text; check reports missing or altered files."""

from __future__ import annotations

import hashlib
import json
import shutil

from helpers.cli import record_args
from helpers.ledgers import write
from pilotledger.store.yamlio import load_data


def stored(root, month="2022-03"):
    return load_data((root / "progress" / f"{month}.yaml").read_text(encoding="utf-8"))


def test_a_file_is_stored_once_by_content_and_text_stays_text(mini, mini_cli, tmp_path):
    minutes = write(tmp_path, "座谈会纪要.pdf", "纪要内容\n")
    copy = write(tmp_path, "另一个名字.PDF", "纪要内容\n")
    sha = hashlib.sha256(minutes.read_bytes()).hexdigest()
    first = mini_cli(*record_args(date="2022-03-10", evidence=[str(minutes), "会议照片三张"]))
    second = mini_cli(*record_args(date="2022-04-10", evidence=str(copy)))
    assert first.exit_code == 0 and second.exit_code == 0, first.stderr + second.stderr
    assert stored(mini)[0]["evidence"] == [
        {"file": f"evidence/{sha}.pdf", "sha256": sha},
        "会议照片三张",
    ]
    assert stored(mini, "2022-04")[0]["evidence"] == [
        {"file": f"evidence/{sha}.pdf", "sha256": sha}
    ]
    assert [p.name for p in (mini / "evidence").iterdir()] == [f"{sha}.pdf"]
    assert (mini / "evidence" / f"{sha}.pdf").read_bytes() == minutes.read_bytes()
    assert mini_cli("check").exit_code == 0
    shown = mini_cli("show", "1", "--format", "plain").stdout
    assert f"evidence/{sha}.pdf (sha256 {sha[:12]})" in shown and "会议照片三张" in shown
    history = json.loads(mini_cli("show", "1", "--format", "json").stdout)["history"]
    assert history[0]["evidence"][0] == {"file": f"evidence/{sha}.pdf", "sha256": sha}


def test_check_reports_a_missing_or_altered_file_at_its_place(mini, mini_cli, tmp_path):
    photo = write(tmp_path, "photo.jpg", "jpeg bytes")
    plan = write(tmp_path, "plan.docx", "docx bytes")
    mini_cli(*record_args(date="2022-03-10", evidence=[str(photo), str(plan)]))
    [record] = stored(mini)
    altered, missing = (mini / item["file"] for item in record["evidence"])
    altered.write_bytes(b"changed")
    missing.unlink()
    zh = mini_cli("check")
    en = mini_cli("check", env={"PILOTLEDGER_LANG": "en"})
    assert zh.exit_code == en.exit_code == 1
    month = f"{mini.as_posix()}/progress/2022-03.yaml"
    first, second = record["evidence"][0]["file"], record["evidence"][1]["file"]
    assert zh.stdout.splitlines() == [
        f"{month}:10:5: 佐证材料 {first} 的内容已改变（sha256 不符）",
        f"{month}:12:5: 佐证材料 {second} 不存在",
    ]
    assert en.stdout.splitlines() == [
        f"{month}:10:5: evidence file {first} has been altered (its sha256 no longer matches)",
        f"{month}:12:5: evidence file {second} is missing",
    ]


def test_check_reports_evidence_outside_the_evidence_folder(mini, mini_cli):
    sha = "0" * 64
    write(
        mini,
        "progress/2022-03.yaml",
        f"""\
        - id: r1
          task: 1
          date: 2022-03-10
          unit: commerce
          status: in_progress
          summary: 已启动
          evidence:
          - file: ../outside.txt
            sha256: '{sha}'
          recorded_at: 2022-03-11 09:00:00+08:00
        """,
    )
    result = mini_cli("check", env={"PILOTLEDGER_LANG": "en"})
    assert result.exit_code == 1
    assert result.stdout.endswith(
        "progress/2022-03.yaml:8:5: evidence file ../outside.txt is not under evidence/\n"
    )


def test_check_loads_whole_records_only_from_months_that_list_evidence_files(
    mini, mini_cli, tmp_path, monkeypatch
):
    """The evidence check skips a month whose cached records list no evidence file (text
    evidence, or text that looks like an evidence entry, does not count), and still finds an
    altered file in the month that lists one, on a cold and on a warm check."""
    from pilotledger.store.cache import ParseCache

    photo = write(tmp_path, "photo.jpg", "jpeg bytes")
    assert mini_cli(*record_args(date="2022-03-10", evidence=str(photo)))
    look_alike = '{"file": "evidence/x.pdf", "sha256": "' + "0" * 64 + '"}'
    for month, extra in (("2022-04", "evidence"), ("2022-05", "problems")):
        options = {extra: "会议照片三张"}
        result = mini_cli(*record_args(summary=look_alike, date=f"{month}-10", **options))
        assert result.exit_code == 0, result.stderr
    loaded: list[str] = []
    real_full = ParseCache.full

    def counting(self, name, content_digest):
        loaded.append(name)
        return real_full(self, name, content_digest)

    monkeypatch.setattr(ParseCache, "full", counting)
    for cold in (True, False):
        if cold:
            shutil.rmtree(mini / ".cache")
        loaded.clear()
        assert mini_cli("check").exit_code == 0
        assert loaded == ["progress/2022-03.yaml"], cold
    (mini / stored(mini)[0]["evidence"][0]["file"]).write_bytes(b"changed")
    result = mini_cli("check", env={"PILOTLEDGER_LANG": "en"})
    assert result.exit_code == 1 and "has been altered" in result.stdout


def test_a_month_of_invalid_records_is_parsed_once_by_check(mini, mini_cli, monkeypatch):
    """The evidence check needs whole records; a month none of whose records is valid has none
    to give and is not parsed a second time for it (its problems are reported once)."""
    from pilotledger.store import yamlio

    write(
        mini,
        "progress/2022-03.yaml",
        """\
        - id: bad-1
          task: 1
          date: 2022-03-01
          unit: commerce
          status: finished
          summary: 启动
          recorded_at: 2022-03-02 09:00:00+08:00
        """,
    )
    parsed: list[str] = []
    real = yamlio.load_with_tree

    def counting(text, *args, **kwargs):
        parsed.append(text[:12])
        return real(text, *args, **kwargs)

    monkeypatch.setattr(yamlio, "load_with_tree", counting)
    result = mini_cli("--lang", "en", "check")
    assert result.exit_code == 1 and result.stdout.count("status") == 1
    assert parsed.count("- id: bad-1\n") == 1
