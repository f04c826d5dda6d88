"""yamlio.record_blocks: the records of one month file emitted by one ruamel.yaml dump, each block
byte for byte the text `record` writes for that record alone (the reference below is the one-dump-
per-record emitter it replaced)."""

from __future__ import annotations

import datetime as dt
import io

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from pilotledger.store import yamlio

EIGHT = dt.timezone(dt.timedelta(hours=8))
RECEIVED = dt.datetime(2022, 7, 4, 10, 30, tzinfo=EIGHT)  # one object shared by every record
JUNE_15 = dt.date(2022, 6, 15)
WORKBOOK = {"file": "evidence/" + "a" * 64 + "-县商务委-2022年6月.xlsx", "sha256": "a" * 64}


def one_dump_per_record(fields: dict) -> str:
    """The block as `record` wrote it before batching: a dump of a one-item list."""
    mapping = CommentedMap()
    for key, value in fields.items():
        if value is not None:
            mapping[key] = yamlio._emit_value(value)
    yaml = YAML()
    yaml.width = yamlio.EMIT_WIDTH
    yaml.allow_unicode = True
    out = io.StringIO()
    yaml.dump([mapping], out)
    return out.getvalue()


TEXTS = [
    "完成调研",
    "多行\n文本",
    "末尾换行\n",
    "- 像列表项\n- 第二行",
    "  前后空格  ",
    "yes",
    "0123",
    "2022-06-15",
    "完成80%&以上 # 不是注释",
    "键: 值",
    "'单引号' \"双引号\"",
    "推进" * 200,  # never folded (ruamel folds at 80 columns by default)
    "\t制表符",
    "ｆｕｌｌ　ｗｉｄｔｈ",
]


def month_of_records() -> list[dict]:
    records = []
    for serial, text in enumerate(TEXTS):
        records.append(
            {
                "id": f"20220615-{serial:012x}",
                "task": 13 + serial,
                "date": JUNE_15,
                "unit": "commerce",
                "status": "in_progress",
                "progress": None if serial % 3 else 60,
                "summary": text,
                "problems": TEXTS[-1 - serial] if serial % 2 else None,
                "evidence": ["会议纪要", text, WORKBOOK] if serial % 4 else [WORKBOOK],
                "corrects": f"20220601-{serial:012x}" if serial % 5 == 0 else None,
                "recorded_at": RECEIVED,
                "recorded_by": "张三",
            }
        )
    return records


def test_each_block_of_one_dump_is_the_block_record_writes_alone():
    records = month_of_records()
    expected = [one_dump_per_record(fields) for fields in records]
    assert yamlio.record_blocks(records) == expected
    assert [yamlio.record_block(fields) for fields in records] == expected
    assert "&id" not in "".join(expected) and "*id" not in "".join(expected)


def test_a_month_of_records_is_one_dump(monkeypatch):
    dumps = []
    real_dump = YAML.dump

    def counted(self, data, stream):
        dumps.append(len(data))
        return real_dump(self, data, stream)

    monkeypatch.setattr(YAML, "dump", counted)
    assert len(yamlio.record_blocks(month_of_records())) == len(TEXTS)
    assert dumps == [len(TEXTS)]
