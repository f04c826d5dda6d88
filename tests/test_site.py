"""`pilotledger site`: every link lands on a page that exists, nothing external, the numbers
agree with status / overdue / report JSON, record text is escaped, and a second build writes
nothing. Pages are opened in headless Chromium when it is installed."""

from __future__ import annotations

import functools
import json
import os
import posixpath
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from helpers.cli import Cli, record_args
from helpers.ledgers import REPO, copy_ledger, once_per_run

DAY = "2022-07-20"
DOCS = REPO / "docs"


@pytest.fixture
def run(sample: Path) -> Cli:
    return Cli(sample)


def _build_sites(folder: Path, sample_template: Path) -> None:
    """The sample ledger's site on DAY in Chinese (folder/site) and, under umask 022, in
    English (folder/site-en)."""
    ledger = copy_ledger(sample_template, folder / "data")
    result = Cli(ledger)("site", "--as-of", DAY, "--output-dir", str(folder / "site"))
    assert result.exit_code == 0, result.stderr
    old = os.umask(0o022)
    try:
        english = ("--lang", "en", "site", "--as-of", DAY, "--output-dir", str(folder / "site-en"))
        result = Cli(ledger)(*english)
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="session")
def sites(tmp_path_factory, sample_template) -> Path:
    build = functools.partial(_build_sites, sample_template=sample_template)
    return once_per_run(tmp_path_factory, "site", build)


@pytest.fixture(scope="session")
def site(sites) -> Path:
    """The site of the sample ledger on DAY, built once per run for the tests that only read
    it (a test that rebuilds it or edits the ledger asks for `built`, its own copy)."""
    return sites / "site"


@pytest.fixture(scope="session")
def english_site(sites) -> Path:
    """The same site with --lang en, its pages made new under umask 022: read only."""
    return sites / "site-en"


@pytest.fixture
def built(site: Path, tmp_path: Path) -> Path:
    """A copy of the shared site (files, times and manifest as `site` left them) for a test that
    rebuilds it or edits the ledger behind it: a build costs far more than a copy. `run` is the
    same sample ledger, so a rebuild on the same day finds this copy current."""
    return shutil.copytree(site, tmp_path / "site", symlinks=True)


class Page(HTMLParser):
    """Links, sources, and the text of every table cell (by table class) of one page."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.refs: list[str] = []
        self.tags: list[str] = []
        self.tables: dict[str, list[list[str]]] = {}  # rows of the tables of each class
        self.in_order: list[list[list[str]]] = []  # rows of each table, in page order
        self._table: str | None = None
        self._cell: list[str] | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.tags.append(tag)
        self.refs += [
            value for name, value in attrs if name in ("href", "src") and value is not None
        ]
        if tag == "table":
            # keyed by the table's own class; "data" is every table's (the renderers' style)
            self._table = " ".join(
                c for c in (attributes.get("class") or "").split() if c != "data"
            )
            self.tables.setdefault(self._table, [])
            self.in_order.append([])
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
            self.in_order[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None and self._table is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self.in_order[-1][-1].append(self.tables[self._table][-1][-1])
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def pages(out: Path) -> dict[str, Page]:
    return {
        path.relative_to(out).as_posix(): Page(path.read_text(encoding="utf-8"))
        for path in sorted(out.rglob("*.html"))
    }


def test_every_link_lands_on_a_file_of_the_site_and_nothing_is_external(site):
    every = pages(site)
    assert {
        "index.html",
        "matrix.html",
        "reports/index.html",
        "tasks/1.html",
        "tasks/55.html",
        "units/commerce.html",
        "parts/1.html",
        "sections/13.html",
        "reports/2022Q2.html",
        "reports/2022-06.html",
        "reports/2022H1.html",
    } <= set(every)
    assert (
        "reports/2022Q3.html" not in every and "reports/2022.html" not in every
    )  # not ended on 07-20
    files = {path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()}
    for name, page in every.items():
        for ref in page.refs:
            assert not re.match(r"^[a-z]+:|^//|^/", ref), f"{name}: {ref} is not a relative link"
            assert _target(name, ref) in files, f"{name}: {ref} leads nowhere"
        assert "link" not in page.tags and "img" not in page.tags and "iframe" not in page.tags
    reachable = _reachable(every)
    assert reachable == set(every), f"pages no link reaches: {set(every) - reachable}"


def _target(name: str, ref: str) -> str:
    """The site path a link on page `name` leads to (the site has no symbolic links)."""
    return posixpath.normpath(posixpath.join(posixpath.dirname(name), ref.split("#")[0]))


def _reachable(every: dict[str, Page]) -> set[str]:
    seen, todo = set(), ["index.html"]
    while todo:
        name = todo.pop()
        if name in seen or name not in every:
            continue
        seen.add(name)
        todo += [_target(name, ref) for ref in every[name].refs]
    return seen


def test_index_counts_equal_the_status_json(reader, site):
    rows = json.loads(reader("status", "--as-of", DAY, "--format", "json").stdout)
    tables = Page((site / "index.html").read_text(encoding="utf-8")).tables
    by_status = {label: int(count) for label, count in tables["status-counts"][1:]}
    assert by_status == {
        "未启动": sum(r["status"] == "not_started" for r in rows),
        "推进中": sum(r["status"] == "in_progress" for r in rows),
        "受阻": sum(r["status"] == "blocked" for r in rows),
        "已完成": sum(r["status"] == "done" for r in rows),
    }
    by_light = {label: int(count) for label, count in tables["light-counts"][1:]}
    assert by_light == {
        "红灯": sum(r["light"] == "red" for r in rows),
        "黄灯": sum(r["light"] == "yellow" for r in rows),
        "绿灯": sum(r["light"] == "green" for r in rows),
    }
    # hand-checked: task 1 done in May, task 23 reported March to June; every other task misses 2+
    assert by_light == {"红灯": 53, "黄灯": 0, "绿灯": 2} and by_status["已完成"] == 1
    listed = {int(row[0]): row for row in tables["tasks"][1:] if row[0].isdigit()}
    for status_row in rows:
        row = listed[status_row["task"]]
        assert row[3] == ("" if status_row["progress"] is None else f"{status_row['progress']}%")
        assert row[4] == (status_row["last_date"] or "") and int(row[5]) == len(
            status_row["missing_reports"]
        )


def test_red_and_yellow_tasks_come_first(run, built):
    run(
        *record_args(2, unit="县市场监管局", date="2022-07-01", status="受阻", summary="x"),
    )
    for month in ("2022-03", "2022-04", "2022-05", "2022-06"):
        run(
            *record_args(3, unit="县市场监管局", date=f"{month}-10", status="受阻", summary="y"),
        )
    assert run("site", "--as-of", DAY, "--output-dir", str(built)).exit_code == 0
    index = (built / "index.html").read_text(encoding="utf-8")
    attention = index.split('id="attention"')[1].split('id="parts"')[0]
    numbers = [
        int(n)
        for n in re.findall(
            r'<td class="right" data-label="[^"]*"><a href="tasks/(\d+).html">', attention
        )
    ]
    # task 3 is blocked with every report filed: yellow, after the 52 red ones; 1 and 23 green
    assert len(numbers) == 53 and numbers[-1] == 3 and numbers[:3] == [2, 4, 5]
    assert 1 not in numbers and 23 not in numbers


def test_a_unit_page_owes_its_reminder_list_and_agrees_with_overdue(reader, site):
    page = (site / "units/commerce.html").read_text(encoding="utf-8")
    reminder = reader("remind", "--as-of", DAY, "--unit", "commerce", "--format", "html").stdout
    body = reminder.split("<body>\n")[1].split("\n</body>")[0]
    assert _demoted(body) in page  # the same Document through the same renderer
    items = json.loads(
        reader("overdue", "--as-of", DAY, "--unit", "commerce", "--format", "json").stdout
    )
    missing = Page(page.split('<div class="wide reminder">')[1]).in_order[0]
    months = {int(row[0]): row[2] for row in missing[1:] if row and row[0].isdigit()}
    reports = {
        item["task"]: "\n".join(item["period"]) for item in items if item["kind"] == "report"
    }
    assert {
        task: text.replace("、", "\n") for task, text in months.items() if task in reports
    } == reports
    assert set(months) == set(reports)
    assert any(item["kind"] == "milestone" and item["task"] == 40 for item in items)  # due 04-30


def _demoted(body: str) -> str:
    """The reminder's html with each heading one level lower (its title is an h2 on the page)."""
    for level in (3, 2, 1):
        body = body.replace(f"<h{level}>", f"<h{level + 1}>").replace(
            f"</h{level}>", f"</h{level + 1}>"
        )
    return body


def test_a_unit_page_has_its_line_of_each_month_report(reader, site):
    rows = Page((site / "units/commerce.html").read_text(encoding="utf-8")).tables["by-month"]
    by_month = {row[0]: row[1:] for row in rows[1:]}
    assert list(by_month) == ["2022-03", "2022-04", "2022-05", "2022-06"]
    for month, cells in by_month.items():
        data = json.loads(reader("report", "--month", month, "--format", "json").stdout)
        line = next(u for u in data["units"] if u["unit"] == "commerce")
        expected = [str(line[k]) for k in ("owed", "on_time", "late", "missing")]
        expected += [
            "—" if line[k] is None else f"{line[k]:.0%}" for k in ("compliance", "on_time_rate")
        ]
        assert cells == expected, month
    # hand-checked: commerce leads 7 tasks (23–27, 39, 40), none done before June: 7 owed
    assert by_month["2022-06"][0] == "7"


def test_a_report_page_has_the_numbers_of_report_json(reader, site):
    data = json.loads(reader("report", "--quarter", "2022Q2", "--format", "json").stdout)
    tables = Page((site / "reports/2022Q2.html").read_text(encoding="utf-8")).tables[""]
    summary = tables[1:5]  # the first table of the page: status, at start, at end, change
    assert [int(row[2]) for row in summary] == [
        data["summary"]["end"][key] for key in ("not_started", "in_progress", "blocked", "done")
    ]
    html = (site / "reports/2022Q2.html").read_text(encoding="utf-8")
    rendered = reader("report", "--quarter", "2022Q2", "--format", "html").stdout
    tables = re.findall(r'<table class="data">.*?</table>', rendered, re.S)
    assert len(tables) >= 8 and all(table in html for table in tables)  # report's tables


def test_record_text_is_escaped_and_a_multi_line_summary_shows_as_lines(run, tmp_path):
    result = run(
        *record_args(
            12,
            unit="县医保局",
            date="2022-07-01",
            summary="<script>alert('x')</script>\n第二行 & <b>粗</b>",
            problems="a<b>c",
        ),
    )
    assert result.exit_code == 0, result.stderr
    out = tmp_path / "published" / "site"  # not there yet: made with its parent
    assert run("site", "--as-of", DAY, "--output-dir", str(out)).exit_code == 0
    page = (out / "tasks/12.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<b>" not in page
    assert (
        '<span class="lines">&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;\n第二行 &amp; '
        "&lt;b&gt;粗&lt;/b&gt;</span>"
    ) in page
    assert ".lines { white-space: pre-line; }" in page  # the line break shows as a line break


def tree(out: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(out).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def test_a_second_build_changes_no_byte_and_touches_no_file(run, built):
    before = tree(built)
    result = run("site", "--as-of", DAY, "--output-dir", str(built))
    assert result.exit_code == 0 and "已写入 0 个文件，删除 0 个" in result.stdout
    assert tree(built) == before


def test_check_names_stale_files_and_passes_when_current(run, built):
    current = run("site", "--as-of", DAY, "--output-dir", str(built), "--check")
    assert current.exit_code == 0 and current.stdout == "网站已是最新。\n"
    run(
        *record_args(unit="县科技局", date="2022-07-02", summary="新进展"),
    )
    before = tree(built)
    stale = run("site", "--as-of", DAY, "--output-dir", str(built), "--check")
    assert stale.exit_code == 1
    assert (
        f"{built / 'tasks/1.html'}\n" in stale.stdout
        and f"{built / 'index.html'}\n" in stale.stdout
    )
    assert f"{built / 'tasks/2.html'}\n" not in stale.stdout
    assert tree(built) == before  # --check writes nothing
    assert run("site", "--as-of", DAY, "--output-dir", str(built)).exit_code == 0
    assert run("site", "--as-of", DAY, "--output-dir", str(built), "--check").exit_code == 0


def test_pages_the_build_no_longer_makes_are_removed(run, built):
    assert (built / "reports/2022-06.html").is_file()
    result = run("site", "--as-of", "2022-06-15", "--output-dir", str(built))
    assert result.exit_code == 0
    assert (
        not (built / "reports/2022-06.html").exists()
        and not (built / "reports/2022Q2.html").exists()
    )
    assert (built / "reports/2022-05.html").is_file()
    assert (
        run("site", "--as-of", "2022-06-15", "--output-dir", str(built), "--check").exit_code == 0
    )


def test_a_folder_not_made_by_site_is_refused_untouched(run, sample, tmp_path):
    for folder in (sample, tmp_path / "mine"):
        folder.mkdir(exist_ok=True)
        (folder / "notes.txt").write_text("mine", encoding="utf-8")
        before = tree(folder)
        result = run("site", "--output-dir", str(folder))
        assert result.exit_code == 1 and "不是 pilotledger site 生成的" in result.stderr
        assert tree(folder) == before


def test_a_manifest_naming_files_outside_the_site_removes_nothing_there(run, built, tmp_path):
    victim = tmp_path / "victim.txt"
    victim.write_text("keep", encoding="utf-8")
    manifest = built / ".pilotledger-site"
    manifest.write_text(
        manifest.read_text(encoding="utf-8") + "../victim.txt\n/etc/hostname\n", encoding="utf-8"
    )
    assert run("site", "--as-of", DAY, "--output-dir", str(built)).exit_code == 0
    assert victim.read_text(encoding="utf-8") == "keep"


def test_new_pages_get_the_umask_and_english_labels_with_lang(english_site):
    out = english_site
    assert (out / "index.html").stat().st_mode & 0o777 == 0o644
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in index and "Needs attention (red and yellow)" in index


SHOTS = (("index", "index.html"), ("task", "tasks/15.html"), ("unit", "units/commerce.html"))
WIDTHS = ((1280, 900, "desktop"), (390, 844, "phone"))
DUMPED = ("matrix.html", "reports/2022Q2.html", "parts/1.html", "sections/4.html")
DUMPED += ("reports/index.html",)


def open_in_chromium(browser, site: Path, tmp_path: Path, dumps, shots) -> dict[str, str]:
    """Each page of `dumps` (its DOM after its scripts ran) and each (name, page, width) of
    `shots` (a screenshot, into tmp_path/shots) in the worker's headless Chromium: the DOM of
    each dump by page, after asserting every page rendered and every picture has content."""
    folder = tmp_path / "shots"
    folder.mkdir()
    dom = {}
    for page in dumps:
        dom[page] = browser.dom(site_url(site, page))
        assert "</main>" in dom[page] and "pilotledger" in dom[page], page
    for name, page, (width, height, device) in shots:
        png = folder / f"site-{name}-{device}.png"
        png.write_bytes(browser.screenshot(site_url(site, page), width, height))
        assert png.stat().st_size > 10_000, png
    return dom


def site_url(site: Path, page: str) -> str:
    path, _, query = page.partition("?")
    return (site / path).as_uri() + (f"?{query}" if query else "")


FILTERED = "index.html?filter=" + quote("县商务委")


def test_pages_open_in_chromium_and_the_filter_script_hides_rows(browser, site, tmp_path):
    """One consolidated real-browser check for `make test`: the index with its filter script
    run, a task page on a phone and a unit page on a desktop drawn."""
    shots = [("task", "tasks/15.html", WIDTHS[1]), ("unit", "units/commerce.html", WIDTHS[0])]
    filtered = open_in_chromium(browser, site, tmp_path, [FILTERED], shots)[FILTERED]
    assert filtered.count('href="tasks/') >= 2 * 55  # attention list and all tasks, rendered
    # the optional filter script: rows without 县商务委 hidden, the 7 tasks it leads still shown
    shown = re.findall(
        r'<tr><td class="right" data-label="[^"]*"><a href="tasks/(\d+)\.html"', filtered
    )
    assert sorted({int(n) for n in shown}) == [23, 24, 25, 26, 27, 39, 40]
    assert filtered.count("<tr hidden") == 2 * 55 - 2 - len(
        shown
    )  # green 1 and 23 not in the first


@pytest.mark.slow
def test_every_kind_of_page_opens_in_chromium_and_the_screenshots_are_taken(
    browser, site, tmp_path, request
):
    """Every other kind of page and the README's six screenshots (`make screenshots` copies
    them into docs/ through --update-golden); twelve pages, so in `make soak`."""
    shots = [(name, page, width) for name, page in SHOTS for width in WIDTHS]
    open_in_chromium(browser, site, tmp_path, DUMPED, shots)
    if request.config.getoption("--update-golden"):
        DOCS.mkdir(exist_ok=True)
        for shot in (tmp_path / "shots").iterdir():
            shutil.copy(shot, DOCS / shot.name)


def test_a_task_page_shows_the_narrative_and_marks_a_correction(run, tmp_path):
    first = run(
        *record_args(
            23,
            date="2022-07-03",
            status="已完成",
            summary="误报",
            problems="资金未到位",
            next_steps="争取市级资金",
            evidence="会议纪要（7月3日）",
        ),
    )
    assert first.exit_code == 0, first.stderr
    wrong = _history_ids(run, 23)[-1]
    fixed = run(
        *record_args(23, date="2022-07-03", progress=70, summary="更正：仍在推进", corrects=wrong),
    )
    assert fixed.exit_code == 0, fixed.stderr
    correction = _history_ids(run, 23)[-1]
    out = tmp_path / "site"
    assert run("site", "--as-of", DAY, "--output-dir", str(out)).exit_code == 0
    page = (out / "tasks/23.html").read_text(encoding="utf-8")
    old = page.split(f'id="r-{wrong}"')[1].split("</article>")[0]
    assert '<span class="mark">已被 2022年7月3日 县商务委 的记录更正</span>' in old
    assert correction not in old.split("<dt>")[0]  # the mark names no record id
    assert "资金未到位" in old
    assert "争取市级资金" in old and "会议纪要（7月3日）" in old
    assert f'<article class="record superseded" id="r-{wrong}">' in page
    new = page.split(f'id="r-{correction}"')[1].split("</article>")[0]
    assert '<span class="mark">更正 2022年7月3日 县商务委 的记录</span>' in new
    assert "推进中 · 70%" in new
    assert page.index(f'id="r-{correction}"') < page.index('id="r-20220630-fx0013"')  # newest first
    facts = page.split("<h2>")[0]
    assert (
        "<dd>推进中</dd>" in facts and "<dd>70%</dd>" in facts
    )  # the correction, not the wrong "done"


def _history_ids(run: Cli, task: int) -> list[str]:
    """Record ids of the task's history in the order `show` gives (date, then recorded_at)."""
    return [
        h["id"] for h in json.loads(run("show", str(task), "--format", "json").stdout)["history"]
    ]


def test_the_matrix_keeps_its_header_row_and_unit_column_in_view(site):
    page = (site / "matrix.html").read_text(encoding="utf-8")
    assert "table.matrix thead th { position: sticky; top: 0;" in page
    assert "table.matrix tbody td:first-child { position: sticky; left: 0;" in page
    rows = Page(page).tables["matrix"]
    commerce = next(row for row in rows if row[0] == "县商务委")
    assert rows[0][1:4] == ["1", "2", "3"] and commerce[23] == "●" and commerce[13] == "○"
    assert commerce[-2:] == [
        "7",
        "7",
    ]  # as `matrix` counts it (test_views_cli reads the same from xlsx)


def test_bad_options_are_usage_errors_and_write_nothing(reader, tmp_path):
    out = tmp_path / "site"
    result = reader("site", "--as-of", "2022-13-45", "--output-dir", str(out))
    assert result.exit_code == 2 and "--as-of" in result.stderr and not out.exists()
    a_file = tmp_path / "page.html"
    a_file.write_text("x", encoding="utf-8")
    result = reader("site", "--output-dir", str(a_file))
    assert result.exit_code == 1 and "是文件，不是文件夹" in result.stderr
    assert a_file.read_text(encoding="utf-8") == "x"


def test_the_index_shows_the_trend_chart_of_the_trend_command(reader, site):
    """The same SVG `trend --format html` draws for the same day (one builder, one renderer)."""
    index = (site / "index.html").read_text(encoding="utf-8")
    drawn = reader("trend", "--as-of", DAY, "--format", "html").stdout
    svg = re.search(r'<figure class="trend">.*?</figure>', drawn, re.S).group(0)
    assert index.count("<svg") == 1 and svg in index
    data = json.loads(reader("trend", "--as-of", DAY, "--format", "json").stdout)
    june = next(month for month in data if month["month"] == "2022-06")
    assert (june["done"], june["in_progress"]) == (1, 6)  # task 1 done in May; hand-counted


def test_the_site_is_never_written_into_the_ledger_files(run, sample):
    (sample / "evidence").mkdir(exist_ok=True)
    result = run("site", "--output-dir", str(sample / "evidence"))
    assert result.exit_code == 1 and list((sample / "evidence").iterdir()) == []


def test_nothing_on_a_page_comes_from_the_clock(run, built):
    """Built on another day with the same --as-of, the site is byte for byte the same."""
    later = run(
        "site", "--as-of", DAY, "--output-dir", str(built), env={"PILOTLEDGER_TODAY": "2023-01-09"}
    )
    assert later.exit_code == 0 and "已写入 0 个文件，删除 0 个" in later.stdout


def test_on_a_phone_task_tables_become_one_block_per_task(site):
    index = (site / "index.html").read_text(encoding="utf-8")
    phone = index.split("@media (max-width: 600px)")[1]
    assert (
        "table.tasks thead { display: none; }" in phone
        and "table.tasks tr { display: block;" in phone
    )


@pytest.mark.parametrize(
    "page, option, number", [("parts", "--part", "2"), ("sections", "--section", "4")]
)
def test_part_and_section_pages_count_as_status_does(reader, site, page, option, number):
    rows = json.loads(reader("status", "--as-of", DAY, option, number, "--format", "json").stdout)
    page = f"{page}/{number}.html"
    tables = Page((site / page).read_text(encoding="utf-8")).tables
    by_light = {label: int(count) for label, count in tables["light-counts"][1:]}
    assert by_light == {
        name: sum(r["light"] == light for r in rows)
        for name, light in (("红灯", "red"), ("黄灯", "yellow"), ("绿灯", "green"))
    }
    listed = sorted(int(row[0]) for row in tables["tasks"][1:])
    assert listed == sorted(r["task"] for r in rows)


def test_evidence_files_are_copied_and_linked_and_a_missing_one_is_not_linked(
    run, sample, tmp_path
):
    minutes = tmp_path / "纪要.pdf"
    minutes.write_bytes(b"%PDF-1.4 minutes of the July meeting")
    result = run(
        *record_args(
            12,
            unit="县医保局",
            date="2022-07-01",
            summary="座谈",
            evidence=[str(minutes), "会议照片 3 张"],
            yes=True,
        ),
    )
    assert result.exit_code == 0, result.stderr
    stored = [p.relative_to(sample).as_posix() for p in (sample / "evidence").iterdir()]
    assert len(stored) == 1 and stored[0].endswith(".pdf")
    out = tmp_path / "site"
    assert run("site", "--as-of", DAY, "--output-dir", str(out)).exit_code == 0
    assert (out / stored[0]).read_bytes() == minutes.read_bytes()
    page = (out / "tasks/12.html").read_text(encoding="utf-8")
    name = stored[0].split("/")[1]
    assert f'<a href="../{stored[0]}">{minutes.name} ({name[:12]}….pdf)</a>' in page
    assert "会议照片 3 张" in page
    (sample / stored[0]).unlink()  # the ledger loses the file: the page names it, links nothing
    assert run("site", "--as-of", DAY, "--output-dir", str(out)).exit_code == 0
    page = (out / "tasks/12.html").read_text(encoding="utf-8")
    assert (
        f'href="../{stored[0]}"' not in page
        and f'{stored[0]} <span class="mark">（文件缺失）</span>' in page
    )
    assert not (out / stored[0]).exists() and not (out / "evidence").exists()  # stale copy removed


def test_lists_on_pages_use_the_language_s_separator(english_site, site):
    """Aliases, responsible units and a task's note joined with ', ' in English, 、 in Chinese."""
    english, chinese = english_site, site
    unit_en = (english / "units" / "soe-affairs.html").read_text(encoding="utf-8")
    unit_zh = (chinese / "units" / "soe-affairs.html").read_text(encoding="utf-8")
    assert "国资事务中心, 县国资中心" in unit_en and "国资事务中心、县国资中心" in unit_zh
    task_en = (english / "tasks" / "35.html").read_text(encoding="utf-8")
    task_zh = (chinese / "tasks" / "35.html").read_text(encoding="utf-8")
    assert "</a>, <a" in task_en and "</a>、<a" not in task_en
    assert "</a>, 等责任部门" in task_en and "</a>、等责任部门" in task_zh
    assert "</a>、<a" in task_zh


def _text(page: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page.read_text(encoding="utf-8")))


def test_chinese_pages_word_kinds_days_and_corrections_in_chinese(site):
    unit = _text(site / "units/commerce.html")
    assert "类别 县政府工作部门" in unit
    assert not re.search(r"\bdepartment\b|County Commerce Commission|代码", unit)
    task = _text(site / "tasks/23.html")
    # the record of 30 June, typed in at 17:00 that day; the correction named by day and unit
    assert "2022年6月30日 · 县商务委 · 推进中 · 60%" in task
    assert "录入时间 2022年6月30日 17:00" in task
    assert "更正 2022年5月25日 县商务委 的记录" in task
    assert not re.search(r"\d{4}-\d{2}-\d{2}T\d|\+08:00|更正 \d{8}-", task)


def test_pages_are_written_a_batch_at_a_time_each_replaced_after_its_sync(tmp_path):
    """store.files.write_outputs (how `site` writes its pages): every file of a batch checked
    before any is written, so a refused one (a FIFO where a page goes) leaves the batch
    unwritten and no temporary file; past a batch, the earlier batches stay written."""
    from pilotledger.errors import UserError
    from pilotledger.store.files import OUTPUT_BATCH, is_temporary, write_outputs

    pages = [(tmp_path / f"p{n:03}.html", f"page {n}".encode()) for n in range(OUTPUT_BATCH + 3)]
    os.mkfifo(pages[1][0])
    with pytest.raises(UserError):
        write_outputs(None, pages)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p001.html"]  # the FIFO alone
    pages[1][0].unlink()
    os.mkfifo(pages[OUTPUT_BATCH + 1][0])
    with pytest.raises(UserError):
        write_outputs(None, pages)
    written = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert written == [path.name for path, _ in pages[:OUTPUT_BATCH]]
    assert all(path.read_bytes() == content for path, content in pages[:OUTPUT_BATCH])
    assert not any(is_temporary(p.name) for p in tmp_path.iterdir())
    pages[OUTPUT_BATCH + 1][0].unlink()
    write_outputs(None, pages)
    assert all(path.read_bytes() == content for path, content in pages)
