"""Messages of the trust boundary and of corrections, in Chinese and English.

The library raises errors and returns problems that carry a key and their words (values by
name), with the English text as their plain message; the CLI words them in the reader's
language (`i18n.Labels.message`). Nothing here prints.
"""

from __future__ import annotations

from pilotledger.errors import Finding, UserError, Words

MESSAGES: dict[str, tuple[str, str]] = {
    "control_char": (
        "{name}: 控制字符 U+{code}（第 {position} 个字符），请删除",
        "{name}: control character U+{code} at character {position}; remove it",
    ),
    "control_char_in_file": (
        "文件中有控制字符 U+{code}，请删除（任何字段都不接受）",
        "control character U+{code} in the file; remove it (no field accepts it)",
    ),
    "not_regular": (
        "不是普通文件（{kind_zh}），台账只读取普通文件",
        "not a regular file ({kind_en}); a ledger reads only plain files",
    ),
    "link_outside": (
        "指向台账之外的链接（{target}），不会读取",
        "a link leading outside the ledger ({target}); it is not read",
    ),
    "too_large": ("文件大于 {mb} MB，未读取", "file is larger than {mb} MB; not read"),
    "cannot_read": ("无法读取（{reason}）", "cannot read ({reason})"),
    "cache_link": (
        "是链接；pilotledger 从不跟随它（请删除，缓存会自动重建）",
        "a link; pilotledger never follows it (remove it: the cache rebuilds itself)",
    ),
    "cache_link_record": (
        "{path} 是链接；pilotledger 从不跟随它，未写入。请删除它（缓存会自动重建）后重试",
        "{path} is a link; pilotledger never follows it, so nothing was written; remove it "
        "(the cache rebuilds itself) and try again",
    ),
    "cache_tracked": (
        "解析缓存被 git 跟踪（其内容一律不用）；请执行 git rm -r --cached {path}",
        "the parse cache is tracked by git (its content is never used); untrack it: git rm -r --cached {path}",
    ),
    "merge_key": (
        "台账文件不允许 YAML 合并键（<<）",
        "YAML merge keys (<<) are not allowed in ledger files",
    ),
    "correction_other_task": (
        "记录 {original} 属于任务 {original_task}，不是任务 {task}；只能更正同一任务的记录",
        "record {original} is of task {original_task}, not task {task}; a correction names a record "
        "of the same task",
    ),
    "correction_twice": (
        "记录 {original} 已由 {by} 更正；如需再改，请更正 {by}",
        "record {original} is already corrected by {by}; correct that one instead",
    ),
    "correction_unknown": ("更正的记录编号 `{original}` 不存在", "corrects unknown record id `{original}`"),
    "correction_self": ("记录不能更正自身", "a record cannot correct itself"),
    "correction_cycle": ("更正形成循环：{chain}", "corrections form a cycle: {chain}"),
    "warn_correction_moves": (
        "注意：此更正把记录 {original} 从 {before} 移到 {after}，两个月的报送情况随之改变。",
        "note: this correction of {original} moves it from {before} to {after}; both months' "
        "reports change.",
    ),
    "alias_is_id": (
        "单位 `{unit}` 的别名 `{alias}` 是另一单位的代码，请删除",
        "alias `{alias}` of unit `{unit}` is the id of another unit; remove it",
    ),
    "group_records": (
        "单位 `{unit}` 是集合单位，须由其成员单位报送（任务 {task}）",
        "unit `{unit}` is a group; one of its member units records for it (task {task})",
    ),
    "output_ledger_file": (
        "--output {path} 是台账文件，不能覆盖；请换一个文件名",
        "--output {path} is a ledger file and is never overwritten; choose another file name",
    ),
    "output_failed": ("无法写出输出：{reason}", "cannot write the output: {reason}"),
}


def english(key: str, words: Words) -> str:
    return MESSAGES[key][1].format(**dict(words))


def finding(file: str, loc: tuple, key: str, **words: object) -> Finding:
    """A Finding whose message the CLI can word in either language."""
    pairs = tuple(words.items())
    return Finding(file, loc, english(key, pairs), key, pairs)


def user_error(key: str, exit_code: int = 1, **words: object) -> UserError:
    pairs = tuple(words.items())
    return UserError(english(key, pairs), exit_code, key, pairs)
