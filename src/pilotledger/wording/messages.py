"""The messages (what a command says happened, and why something is refused) in Chinese and
English, keyed; PYDANTIC words pydantic's error types (filled from the error's ctx), so no
library wording reaches a clerk. Data only: wording/__init__.py words them."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # ---- the trust boundary and corrections (raised as user_error / finding, see the end) ----
    "control_char": (
        "{name}: 控制字符 U+{code}（第 {position} 个字符），请删除",
        "{name}: control character U+{code} at character {position}; remove it",
    ),
    "control_char_in_file": (
        "文件中有控制字符 U+{code}，请删除（任何字段都不接受）",
        "control character U+{code} in the file; remove it (no field accepts it)",
    ),
    "output_kind": ("不是普通文件（{kind_zh}）", "not a regular file ({kind_en})"),
    "not_regular": (
        "不是普通文件（{kind_zh}），台账只读取普通文件",
        "not a regular file ({kind_en}); a ledger reads only plain files",
    ),
    "link_outside": (
        "指向台账之外的链接（{target}），不会读取",
        "a link leading outside the ledger ({target}); it is not read",
    ),
    "too_large": ("文件大于 {mb} MB，未读取", "file is larger than {mb} MB; not read"),
    "is_link": (
        "是链接；此处只接受普通文件，不跟随链接",
        "a link; only a plain file is accepted here, links are not followed",
    ),
    "folder_link_write": (
        "{path} 是链接；pilotledger 不会通过链接写入，未写入。请把它换成台账内的普通文件夹",
        "{path} is a link; pilotledger never writes through one, so nothing was written; "
        "replace it with a plain folder inside the ledger",
    ),
    "evidence_link": (
        "佐证材料 {file} 是链接或位于链接之后；佐证材料须为 evidence/ 下的普通文件",
        "evidence file {file} is a link or lies behind one; evidence is a plain file under"
        " evidence/",
    ),
    "evidence_given_not_regular": (
        "{path} 不是普通文件（{kind}），不能作为佐证材料；请给出普通文件或文字",
        "{path} is not a regular file ({kind}) and cannot be evidence; give a plain file or text",
    ),
    "evidence_not_regular": ("佐证材料 {file}：{problem}", "evidence file {file}: {problem}"),
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
        "the parse cache is tracked by git (its content is never used); untrack it: git rm -r"
        " --cached {path}",
    ),
    "merge_key": (
        "台账文件不允许 YAML 合并键（<<）",
        "YAML merge keys (<<) are not allowed in ledger files",
    ),
    "correction_other_task": (
        "记录 {original} 属于任务 {original_task}，不是任务 {task}；只能更正同一任务的记录",
        "record {original} is of task {original_task}, not task {task}; a correction names a"
        " record "
        "of the same task",
    ),
    "correction_twice": (
        "记录 {original} 已由 {by} 更正；如需再改，请更正 {by}",
        "record {original} is already corrected by {by}; correct that one instead",
    ),
    "number_not_decimal": (
        "{name} 写作 `{text}`（即 {value}）；数字请只用十进制数字书写，如 {value}",
        "{name} is written `{text}` (that is {value}); write numbers in decimal digits, as {value}",
    ),
    "summary_blank": (
        "工作进展只有空白或不可见字符；请填写工作进展",
        "summary holds only blanks or invisible characters; write what was done",
    ),
    "recorded_in_the_future": (
        "登记时间晚于今天（北京时间）；登记时间是录入的时刻，不能在将来",
        "recorded after today (+08:00); recorded_at is the moment of recording, never in "
        "the future",
    ),
    "merge_needs_decision": (
        "pilotledger 合并：{file} 需要人工决定：{conflict}",
        "pilotledger merge: {file} needs a decision: {conflict}",
    ),
    "merge_changed_here": (
        "记录 {id} 在本机的版本里被改动过（台账只许追加）",
        "record {id} was changed in this copy (the ledger only takes additions)",
    ),
    "merge_removed_here": (
        "记录 {id} 在本机的版本里被删除了（台账只许追加）",
        "record {id} was removed in this copy (the ledger only takes additions)",
    ),
    "merge_changed_there": (
        "记录 {id} 在拉取来的版本里被改动过（台账只许追加）",
        "record {id} was changed in the version being pulled in (the ledger only takes additions)",
    ),
    "merge_removed_there": (
        "记录 {id} 在拉取来的版本里被删除了（台账只许追加）",
        "record {id} was removed in the version being pulled in (the ledger only takes additions)",
    ),
    "merge_added_both": (
        "编号 {id} 的记录两边都有，内容却不同",
        "record {id} is in both versions with different contents",
    ),
    "merge_unreadable": (
        "有一个版本读不出来（{reason}）",
        "one version cannot be read ({reason})",
    ),
    "merge_invalid_version": (
        "有一个版本不是有效的月度文件（{reason}）；请手工合并后运行 pilotledger check",
        "one version is not a valid month file ({reason}); merge it by hand, then run "
        "pilotledger check",
    ),
    "merge_would_change": (
        "追加对方的记录会改变已有记录的读法；请手工合并后运行 pilotledger check",
        "appending the other records would change how a record reads; merge it by hand, then "
        "run pilotledger check",
    ),
    "file_unmerged": (
        "此文件仍在合并中（git 显示未合并）：决定每条冲突的记录后 git add 该文件，再运行 check",
        "this file is still being merged (git shows it unmerged): decide each conflicting record, "
        "git add the file, then run check",
    ),
    "correction_contested": (
        "记录 {original} 被更正不止一次（{by}）：按规则以登记较晚的 {applies} 为准；"
        "如需改定，请更正 {applies}",
        "record {original} is corrected more than once ({by}): {applies} applies (recorded "
        "later, then the larger id); correct {applies} to settle it",
    ),
    "correction_before_original": (
        "更正的登记时间早于被更正的记录 {original}；更正只能在原记录之后登记",
        "recorded before the record it corrects ({original}); a correction is recorded after "
        "its original",
    ),
    "recorded_before_id_day": (
        "登记时间早于记录编号所示的生成日 {day}；编号在登记时生成",
        "recorded before {day}, the day its id was made; an id is made when the record is",
    ),
    "correction_unknown": (
        "更正的记录编号 `{original}` 不存在",
        "corrects unknown record id `{original}`",
    ),
    "correction_self": ("记录不能更正自身", "a record cannot correct itself"),
    "correction_cycle": ("更正形成循环：{chain}", "corrections form a cycle: {chain}"),
    "warn_correction_moves": (
        "注意：此更正把记录 {original} 从 {before} 移到 {after}，两个月的报送情况随之改变。",
        "note: this correction of {original} moves it from {before} to {after}; both months' "
        "reports change.",
    ),
    "warn_after_plan_end": (
        "注意：日期 {date} 晚于方案结束日（{end}），仍会写入。",
        "note: the date {date} is after the plan's end ({end}); the record is still written.",
    ),
    "change_choice": (
        "请输入 1–{last} 的编号，或 q 不写入并退出",
        "answer a number from 1 to {last}, or q to quit",
    ),
    "alias_is_id": (
        "单位 `{unit}` 的别名 `{alias}` 是另一单位的代码，请删除",
        "alias `{alias}` of unit `{unit}` is the id of another unit; remove it",
    ),
    "group_records": (
        "{name} 是集合单位，不能自己报送，须由其成员单位报送（任务 {task}）",
        "unit `{unit}` is a group; one of its member units records for it (task {task})",
    ),
    "output_ledger_file": (
        "--output {path} 是台账文件，不能覆盖；请换一个文件名",
        "--output {path} is a ledger file and is never overwritten; choose another file name",
    ),
    "record_no_final_newline": (
        "{path} 末尾没有换行，且最后一条记录以多行文字（|）结尾：追加新记录会改变那条记录的文字，"
        "未写入。请在文件末尾补一个换行并单独提交（此改动会改变该记录，请在提交说明中写明），"
        "再登记",
        "{path} does not end with a line break and its last record ends inside a block text "
        "(|): a new record would change that record's text, so nothing was written. Add the "
        "line break at the end of the file and commit it on its own (it changes that record: "
        "say so in the commit message), then record again",
    ),
    "output_not_regular": (
        "{path}：{problem}，不会写入；请换一个文件名",
        "{path} is {problem}; nothing was written; choose another file name",
    ),
    "output_failed": ("无法写出输出：{reason}", "cannot write the output: {reason}"),
    # ---- fill-in forms (`form`) and returned forms (`intake`) ----
    "form_group": (
        "{unit} 是单位组，不填报；其成员单位各有自己的填报表",
        "{unit} is a group, which does not report; its members each have their own form",
    ),
    "form_no_tasks": ("{unit} 没有任务，不生成填报表", "{unit} has no tasks: no form made"),
    "form_month_outside": (
        "{month} 不在方案期内（{first} 至 {last}）",
        "{month} is outside the plan ({first} to {last})",
    ),
    "register_bad_row": (
        "{path} 第 {line} 行：{field} 无法识别（{value}）；未写入任何文件。请改正或删除该行",
        "{path} line {line}: {field} cannot be read ({value}); nothing was written. Correct"
        " or delete that row",
    ),
    "output_dir_cannot_create": (
        "无法创建文件夹 {folder}（{reason}）",
        "cannot create the folder {folder} ({reason})",
    ),
    "intake_old_format": (
        "是 {suffix} 文件，无法读取；请在 Excel 或 WPS 中“另存为” .xlsx 后再录入",
        "is an {suffix} file, which cannot be read: save it as .xlsx (Excel or WPS: Save As)"
        " and intake that",
    ),
    "intake_not_workbook": (
        "不是 xlsx 工作簿（{reason}）；请录入 pilotledger form 生成并填好的 .xlsx 文件",
        "is not an xlsx workbook ({reason}); intake the .xlsx made by pilotledger form, filled in",
    ),
    "intake_zip_word": ("是改了扩展名的 Word 文档", "a Word document renamed"),
    "intake_zip_other": ("是 zip 压缩包，其中没有工作簿", "a zip archive with no workbook in it"),
    "intake_too_large": (
        "大于 {mb} MB（解压后），不是填报表，未读取",
        "is larger than {mb} MB (unpacked): not a form, not read",
    ),
    "intake_unreadable": ("无法读取（{reason}）", "cannot be read ({reason})"),
    "intake_no_binding": (
        "不是 pilotledger 填报表（没有绑定页）；请用 pilotledger form 生成的表填写",
        "is not a pilotledger form (no binding sheet); fill in a form made by pilotledger form",
    ),
    "intake_bad_binding": (
        "绑定页被改动（{key}）；请用 pilotledger form 重新生成填报表",
        "its binding sheet was changed ({key}); make the form again with pilotledger form",
    ),
    "intake_version": (
        "填报表格式版本 {version} 未知（本程序读取版本 {known}）；"
        "请用本程序的 pilotledger form 重新生成",
        "form format version {version} is unknown (this program reads version {known}); make the"
        " form again with this program's pilotledger form",
    ),
    "intake_other_plan": (
        "是另一个台账或方案的填报表（任务序号或文字与本台账不同），不能录入",
        "is a form of another ledger or plan (its task numbers or texts differ from this"
        " ledger's): not recorded",
    ),
    "intake_unit_unknown": (
        "绑定的单位 {unit} 不在本台账中",
        "is bound to unit {unit}, which this ledger does not have",
    ),
    "intake_no_sheet": (
        "找不到工作表“{sheet}”（工作表被改名或删除？）",
        "has no sheet “{sheet}” (renamed or deleted?)",
    ),
    "intake_number_changed": (
        "序号应为 {expected}，现为“{found}”：锁定的任务行被改动（行被删除、插入或调换顺序）",
        "the number should be {expected} but is “{found}”: the locked task rows were changed"
        " (a row removed, inserted or moved)",
    ),
    "intake_text_changed": (
        "任务 {task} 的试点任务文字被改动（锁定单元格）",
        "the text of task {task} was changed (a locked cell)",
    ),
    "intake_rows_removed": (
        "任务 {tasks} 的行被删除（锁定的任务行）",
        "the rows of tasks {tasks} were removed (locked task rows)",
    ),
    "intake_row_added": (
        "多出的一行（任务行不能增加；请删除此行）",
        "a row was added (task rows cannot be added; delete it)",
    ),
    "intake_merged": (
        "合并单元格 {range} 跨越多个任务行；请取消合并，每行分别填写",
        "the merged cells {range} span several task rows; unmerge them and fill in each row",
    ),
    "intake_title_month": (
        "标题写的是 {found}，但这是 {month} 的填报表（表内绑定的月份）；"
        "请用 pilotledger form 生成该月的填报表填写",
        "the title says {found}, but this is the form for {month} (the month it is bound to);"
        " fill in that month's form made by pilotledger form",
    ),
    "intake_name_month": (
        "文件名写的是 {found}，但这是 {month} 的填报表（表内绑定的月份）；"
        "请核对：若是该月的进展，请用 pilotledger form 生成该月的填报表；"
        "若只是文件名写错，请改正文件名",
        "the file name says {found}, but this is the form for {month} (the month it is bound to):"
        " for that month's progress, fill in that month's form made by pilotledger form; if only"
        " the name is wrong, rename the file",
    ),
    "intake_no_status": (
        "任务 {task}：已填写内容但未选择状态",
        "task {task}: filled in but no status chosen",
    ),
    "intake_cell": ("任务 {task}：{problem}", "task {task}: {problem}"),
    "intake_progress_bad": (
        "进度“{text}”不是 0–100 的整数",
        "progress “{text}” is not a whole number 0–100",
    ),
    "intake_date_bad": (
        "进展日期“{text}”不是日期；可用格式：2022-06-15、2022/6/15、2022年6月15日",
        "the date “{text}” is not a date; forms: 2022-06-15, 2022/6/15, 2022年6月15日",
    ),
    "intake_date_month": (
        "进展日期 {date} 不在填报表的月份 {month} 内",
        "the date {date} is not in the form's month {month}",
    ),
    "intake_text_long": ("超过 {max} 字", "is longer than {max} characters"),
    "intake_not_text": ("应为文字", "should be text"),
    "intake_already": (
        "该填报表已录入（{count} 条记录引用它），未重复录入",
        "this form is already recorded ({count} records name it); nothing recorded again",
    ),
    "intake_same_file": (
        "与 {other} 内容相同，只录入一次",
        "has the same content as {other}; it is taken once",
    ),
    "intake_same_form": (
        "与 {other} 是同一单位同一月份的填报表；请一次只录入其中一份",
        "is the same unit's form for the same month as {other}; intake one of them at a time",
    ),
    "intake_received_early": (
        "任务 {task}：收到时间 {at} 早于它所更正的记录 {id} 的录入时间；请给出正确的 --received-at",
        "task {task}: received at {at}, before the record {id} it corrects was recorded; give the"
        " right --received-at",
    ),
    "intake_refused": (
        "{count} 个问题，未写入任何记录",
        "{count} problems; nothing was written",
    ),
    "intake_received_future": (
        "--received-at {at} 晚于现在",
        "--received-at {at} is later than now",
    ),
    "intake_no_files": ("没有给出填报表文件", "no form files given"),
    "form_field_summary": ("工作进展", "progress made"),
    "form_field_problems": ("存在问题", "problems"),
    "form_field_next_steps": ("下步打算", "next steps"),
    "form_field_evidence": ("佐证材料", "evidence"),
    "form_field_recorded_by": ("填报人", "filled in by"),
    # ---- what a clerk typed, and everything else ----
    # what a clerk typed
    "task_unknown": (
        "没有任务 {text}；任务序号为 1–{last}{hint}",
        "unknown task '{text}'; tasks are numbered 1–{last}{hint}",
    ),
    "task_closest": ("（最接近的：{numbers}）", " (closest: {numbers})"),
    "task_containing": (
        "（任务内容含“{text}”的：{numbers}）",
        " (tasks whose text contains '{text}': {numbers})",
    ),
    "unit_unknown": ("没有单位“{text}”{hint}", "unknown unit '{text}'{hint}"),
    "unit_suggest": ("；是否指：{names}？", "; did you mean {names}?"),
    "unit_list_hint": ("；单位列表见 pilotledger units", "; `pilotledger units` lists them"),
    "status_unknown": (
        "没有状态“{text}”；可用：{valid}",
        "unknown status '{text}'; use one of {valid}",
    ),
    "part_unknown": (
        "没有部分“{text}”；请用 1–{last} 或 一…",
        "unknown part '{text}'; use 1–{last} or 一…",
    ),
    "section_unknown": (
        "没有板块“{text}”；请用 1–{last} 或（一）…",
        "unknown section '{text}'; use 1–{last} or （一）…",
    ),
    "choice_unknown": (
        "请输入 1–{last} 的编号或名称",
        "answer a number from 1 to {last}, or a name",
    ),
    "date_bad": ("“{text}”不是日期；可用格式：{forms}", "'{text}' is not a date; use {forms}"),
    "date_impossible": (
        "“{text}”不是有效日期（没有这个月或这一天）",
        "'{text}' is not a date (no such month or day)",
    ),
    "period_bad": (
        "“{text}”不是{kind}；可用：{forms}、this 或 last",
        "'{text}' is not a {kind}; use {forms}, this or last",
    ),
    "period_month": ("月份", "month"),
    "period_quarter": ("季度", "quarter"),
    "period_half": ("半年", "half"),
    "period_year": ("年度", "year"),
    "period_year_range": (
        "“{text}”：年份 {year} 超出范围",
        "'{text}': year {year} is out of range",
    ),
    "progress_not_number": (
        "进度“{text}”不是 0 到 100 的整数",
        "progress '{text}' is not a whole number from 0 to 100",
    ),
    "progress_range": ("进度 {progress} 超出 0–100", "progress {progress} is outside 0–100"),
    "lang_unknown": ("没有语言“{text}”；请用 zh 或 en", "unknown language '{text}'; use zh or en"),
    "today_bad": (
        "{name}={text} 不是日期（YYYY-MM-DD）",
        "{name}={text} is not a date (YYYY-MM-DD)",
    ),
    # what a record may be
    "unit_not_assigned": (
        "{unit} 不是任务 {task} 的单位；牵头单位：{lead}；责任单位：{responsible}",
        "{unit} is not assigned to task {task}; its lead units (牵头): {lead}; "
        "responsible units (责任): {responsible}",
    ),
    "date_future": (
        "日期 {date} 晚于今天（{today}）；进展发生后再报送",
        "date {date} is after today ({today}); progress is recorded when it has happened",
    ),
    "date_before_plan": (
        "日期 {date} 早于方案印发日（{issued}）",
        "date {date} is before the plan was issued ({issued})",
    ),
    "summary_empty": (
        "工作进展不能为空，请写明做了什么",
        "the summary (工作进展) is empty; say what was done",
    ),
    "corrects_unknown": (
        "没有编号为 {id} 的记录（pilotledger show {task} 可列出）",
        "no record has the id {id} (`pilotledger show {task}` lists them)",
    ),
    "corrects_none_yet": (
        "任务 {task} 还没有可更正的记录",
        "task {task} has no record to correct yet",
    ),
    "evidence_unreadable": (
        "佐证材料 {path} 无法读取：{reason}",
        "evidence {path} cannot be read: {reason}",
    ),
    "git_missing": ("未安装 git（或不在 PATH 中）", "git is not installed (or not on PATH)"),
    "git_failed": ("git {command} 失败：{output}", "git {command} failed: {output}"),
    "record_cannot_create": (
        "{folder}：无法创建（{reason}）；未写入任何内容",
        "{folder}: cannot create ({reason}); nothing was written",
    ),
    "record_cannot_write": (
        "{path}：无法写入（{reason}）；未写入任何内容",
        "{path}: cannot write ({reason}); nothing was written",
    ),
    "record_id_taken": (
        "{path}：已有编号为 {id} 的记录",
        "{path}: a record with id {id} is already there",
    ),
    "file_problem_at": ("{path}:{line}:{col}：{problem}", "{path}:{line}:{col}: {problem}"),
    "file_problem_fix_first": (
        "{path}:{line}:{col}：{problem}；请先修正该文件",
        "{path}:{line}:{col}: {problem}; fix the file first",
    ),
    "file_not_a_list": (
        "{path}：不是记录列表；请先运行 pilotledger check 并修正",
        "{path}: not a list of records; run `pilotledger check` and fix it first",
    ),
    "file_invalid_records": (
        "{path}：含无效记录；请先运行 pilotledger check 并修正",
        "{path}: has invalid records; run `pilotledger check` and fix them first",
    ),
    "layout_refused": (
        "{path}：此文件的格式无法在不改写原有内容的情况下追加新记录（例如流式列表或文档结束标记）；"
        "未写入任何内容",
        "{path}: this file's layout cannot take a new record without rewriting it "
        "(e.g. a flow-style list or a document marker); nothing was written",
    ),
    "site_output_is_file": (
        "--output-dir：{folder} 是文件，不是文件夹",
        "--output-dir: {folder} is a file, not a folder",
    ),
    "site_output_foreign": (
        "--output-dir：{folder} 不是空文件夹，也没有 {manifest}（不是 pilotledger site 生成的）；"
        "请换一个新的或空的文件夹",
        "--output-dir: {folder} is not empty and holds no {manifest} (it was not made by "
        "`pilotledger site`); choose a new or empty folder",
    ),
    "site_evidence_unreadable": (
        "{stored}：{problem}；网站未写入",
        "{stored}: {problem}; the site was not written",
    ),
    "not_in_git": (
        "{path} 不在 git 仓库中；请先运行 git init 或 pilotledger init",
        "{path} is not inside a git repository; run `git init` or `pilotledger init`",
    ),
    "plan_source_incomplete": ("{path} 中没有 {name}", "{path}: no {name} there"),
    "attributes_unreadable": (
        "{path}：{problem}；未作改动。请把它换成普通文本文件后重试",
        "{path}: {problem}; nothing was changed; make it a plain text file and try again",
    ),
    "init_already_ledger": (
        "{path} 已是台账（已有 {names}），不会覆盖（--force 也不会）；请换一个新文件夹",
        "{path} is already a ledger ({names} exist); it is never overwritten, not even with "
        "--force; choose a new folder",
    ),
    "init_not_empty": (
        "{path} 不是空文件夹；确要在此建台账请加 --force",
        "{path} is not empty; use --force to create the ledger there anyway",
    ),
    "unknown_revision": ("没有版本“{rev}”", "unknown revision '{rev}'"),
    "ledger_not_found": (
        "{path}：不是台账目录（其中没有 {name}）",
        "{path}: not a ledger directory (no {name} in it)",
    ),
    "no_ledger_anywhere": (
        "在 {path} 及其上级目录中找不到台账（找的是含 {name} 和 units.yaml 的文件夹或其 data/）；"
        "请用 --data 目录 或设置 {env}",
        "no ledger found in {path} or its parents (looked for {name} and units.yaml in "
        "each folder and its data/); pass --data DIR or set {env}",
    ),
    "record_removed": (
        "记录 {id} 在 {rev} 时已存在，现被删除（记录只能追加）",
        "record {id} existed at {rev} and has been removed (records are append-only)",
    ),
    "registry_change_refused": (
        "登记表变更改变了既往判断（自 {rev} 以来）：{cause}：{effects}；"
        "若确为有意变更，请加 --allow-registry-change"
        "（提交时：PILOTLEDGER_ALLOW_REGISTRY_CHANGE=1 git commit）",
        "a registry change since {rev} alters past judgments: {cause}: {effects}; if it is "
        "meant, pass --allow-registry-change (when committing: "
        "PILOTLEDGER_ALLOW_REGISTRY_CHANGE=1 git commit)",
    ),
    "record_edited": (
        "记录 {id} 自 {rev} 以来被修改（{fields}）；请改用 pilotledger record --corrects ID"
        " 追加更正",
        "record {id} has been edited since {rev} ({fields}); add a correction with "
        "`pilotledger record --corrects ID` instead",
    ),
    "driver_missing": (
        "注意：本克隆未配置 pilotledger 合并驱动；请运行 pilotledger git-setup，"
        "使月度文件按记录编号合并",
        "warning: the pilotledger merge driver is not configured in this clone; "
        "run `pilotledger git-setup` so month files merge by record id",
    ),
    "init_done_new": (
        "已在 {path} 新建台账（新的 git 仓库，分支 main）；已完成首次提交",
        "new ledger in {path} (new git repository, branch main); first commit made",
    ),
    "init_done_in": (
        "已在 {path} 新建台账（位于仓库 {repo} 中）；已完成首次提交（只含新建的文件）",
        "new ledger in {path} (in the repository {repo}); first commit made (only the files it"
        " created)",
    ),
    # ---- init --from-plan (planimport): places in the source, refusals, decisions, doubts ----
    "place_line": ("第 {line} 行", "line {line}"),
    "place_paragraph": ("第 {n} 段", "paragraph {n}"),
    "place_page_line": ("第 {page} 页第 {line} 行", "page {page}, line {line}"),
    "place_cell": ("表 {table} 第 {row} 行第 {cell} 格", "table {table}, row {row}, cell {cell}"),
    "place_sheet_cell": ("工作表“{sheet}” {cell} 格", "sheet '{sheet}', cell {cell}"),
    "place_page_cell": (
        "第 {page} 页表 {table} 第 {row} 行第 {cell} 格",
        "page {page}, table {table}, row {row}, cell {cell}",
    ),
    "plan_unreadable": ("{path}：{problem}；未建台账", "{path}: {problem}; no ledger was made"),
    "plan_bad_file": (
        "无法作为 {kind} 文件读取（{detail}）",
        "cannot be read as a {kind} file ({detail})",
    ),
    "import_no_annex": (
        "{path}：找不到任务分工。找的是：表头含“序号”、任务列（试点任务/重点任务/工作任务/"
        "主要任务/任务内容）和单位列（牵头单位/牵头部门/责任单位/配合单位/协办单位/参与单位）"
        "的表格；或正文中以（牵头单位：…；责任单位：…）结尾、后跟“牵头单位：”/“责任单位：”行、"
        "或位于“一、××牵头工作”标题下的编号条目。未建台账",
        "{path}: no task assignment found. Looked for a table whose header holds 序号, a task "
        "column (试点任务/重点任务/工作任务/主要任务/任务内容) and a unit column "
        "(牵头单位/牵头部门/责任单位/配合单位/协办单位/参与单位); or numbered items in the body "
        "ending with "
        "（牵头单位：…；责任单位：…）, followed by 牵头单位：/责任单位： lines, or under a heading "
        "like 一、××牵头工作. No ledger was made",
    ),
    "import_missing_field": (
        "{path}：方案中找不到{field}；请用 {option} 给出",
        "{path}: the plan does not state its {field}; give it with {option}",
    ),
    "import_field_issued": ("印发日期", "issue date"),
    "import_field_end": ("试点期（结束日期）", "pilot period (its last day)"),
    "import_refused": ("{path}：{problem}；未建台账", "{path}: {problem}; no ledger was made"),
    "import_task_without_unit": (
        "任务 {number}（{place}）没有牵头单位，也没有责任单位",
        "task {number} ({place}) names no lead and no responsible unit",
    ),
    "import_task_without_text": (
        "任务 {number}（{place}）没有任务内容",
        "task {number} ({place}) has no text",
    ),
    "import_alias_unknown": ("方案中没有单位“{name}”", "the plan names no unit '{name}'"),
    "import_alias_bad": (
        "“{text}”应写成 简称=全称（如 县卫健委=县卫生健康委）",
        "'{text}' should read SHORT=FULL (e.g. 县卫健委=县卫生健康委)",
    ),
    "import_table_continues": (
        "没有表头的表格接在任务分工表之后，按其续表读取",
        "a table without a header after the annex table is read as its continuation",
    ),
    "import_header_again": (
        "表头再次出现（表格逐页重新开始），已跳过",
        "the header row again (the table starts again on a new page): skipped",
    ),
    "import_task_column": (
        "任务内容取自“{used}”列；“{other}”列（分类）未录入",
        "the task texts are the '{used}' column's; the '{other}' column (a grouping) is not kept",
    ),
    "import_control_character": (
        "{place}：有控制字符 U+{code}（台账不接受），请在方案文件中删除后重试",
        "{place}: control character U+{code}, which a ledger refuses; remove it from the plan"
        " file and try again",
    ),
    "import_item_without_units": (
        "编号条目“{text}”没有注明牵头或责任单位，未列为任务；"
        "如是任务，请在方案文件中补上单位后重试",
        "the numbered item '{text}' names no lead or responsible unit and is not taken as a task;"
        " if it is one, add its units in the plan file and try again",
    ),
    "import_end_before_start": (
        "试点期结束日 {end} 早于开始日 {start}；未建台账",
        "the pilot period's last day {end} is before its first {start}; no ledger was made",
    ),
    "import_hidden_rows": (
        "工作表中有 {count} 行是隐藏的，已照常读入；如是删去的任务，请在表中删除后重试",
        "{count} rows of the workbook are hidden; they were read like the others: if they are"
        " tasks taken out, delete them in the sheet and try again",
    ),
    "import_unusual_character": (
        "单位“{name}”含公文中少见的字 {codes}（繁体字、部首或形近字？），请核对是否与另一单位同名",
        "the unit '{name}' holds a character office text rarely uses, {codes} (a traditional"
        " form, a radical, a look-alike?): check it is not another unit's name",
    ),
    "import_text_too_long": (
        "{place}：文字超过 {max} 字（台账不接受），多半是条目或单元格没有分开；"
        "请在方案文件中分开后重试",
        "{place}: text longer than {max} characters, which a ledger refuses (most likely items or"
        " cells run together); split it in the plan file and try again",
    ),
    "import_two_header_rows": (
        "表头占两行，单位列按第二行的列名读取",
        "a header of two rows: the unit columns are read by the second row's names",
    ),
    "import_row_continues": (
        "此行没有序号，是任务 {number} 的续行，已接在其后",
        "a row without a number continues task {number}: joined to it",
    ),
    "import_row_not_understood": (
        "无法识别的行，已忽略：{text}",
        "a row not understood, left out: {text}",
    ),
    "import_alias_given": (
        "--alias：“{short}”即“{full}”",
        "--alias: '{short}' is '{full}'",
    ),
    "import_bracket_alias_used": (
        "“{short}”按“{full}”括号中的简称，视为同一单位",
        "'{short}' is the short name '{full}' gives in brackets: the same unit",
    ),
    "import_maybe_alias": (
        "“{short}”可能是“{full}”的简称，未合并；如是同一单位，请加 --alias {short}={full}",
        "'{short}' may be a short form of '{full}'; not merged. If they are one unit, add "
        "--alias {short}={full}",
    ),
    "import_headings_without_tasks": (
        "下列标题下没有任务，未列入：{headings}",
        "headings with no task under them, left out: {headings}",
    ),
    "import_no_parts": (
        "方案没有分部分，所有任务列在一个部分“{title}”下",
        "the plan has no parts: every task is put in one part, '{title}'",
    ),
    "import_no_sections": (
        "“{part}”没有分节，其任务列在同名的一节下",
        "'{part}' has no sections: its tasks are put in one section of the same title",
    ),
    "import_renumbered": (
        "序号不是从 1 起连续递增（如各节重新编号），{count} 项任务按出现顺序重新编为 1–{count}",
        "the printed numbers do not run 1, 2, 3… (e.g. they restart in each section): the "
        "{count} tasks are numbered 1–{count} in their order",
    ),
    "import_marked_lead": (
        "任务 {number}：“{name}”标有（牵头），列为牵头单位",
        "task {number}: '{name}' is marked （牵头）: listed as a lead unit",
    ),
    "import_first_responsible_leads": (
        "任务 {number} 没有牵头单位，排在第一位的“{unit}”列为牵头单位",
        "task {number} names no lead unit: the first unit named, '{unit}', is listed as lead",
    ),
    "import_deadline_unknown": (
        "任务 {number}：完成时限“{text}”无法识别为日期，已作为备注保留",
        "task {number}: the deadline '{text}' is not understood as a date; kept as the note",
    ),
    "import_deadline_year": (
        "任务 {number}：完成时限未写年份，按方案印发的 {year} 年（已过的月份按次年）",
        "task {number}: the deadline names no year: taken in {year}, the year of issue (a month"
        " already past: the next year)",
    ),
    "import_deadline_outside": (
        "任务 {number}：节点 {due} 不在试点期 {start} 至 {end} 内",
        "task {number}: the milestone {due} lies outside the pilot period {start} to {end}",
    ),
    "import_group_lead": (
        "此标题下的任务以“{lead}”为牵头单位",
        "the tasks under this heading have '{lead}' as their lead unit",
    ),
    "import_unit_lines": (
        "任务 {number} 的单位写在其后单独的行中",
        "task {number}: its units are given on a line of their own after it",
    ),
    "import_no_title": (
        "找不到方案标题，暂用文件名“{title}”",
        "no title found in the plan: the file name '{title}' is used",
    ),
    "import_no_issuer": (
        "找不到印发单位，暂记为“{issuer}”",
        "no issuer found in the plan: recorded as '{issuer}'",
    ),
    "import_issued_is_start": (
        "找不到印发日期，按 --start 记为 {day}",
        "no issue date found in the plan: --start, {day}, is used",
    ),
    "import_period": (
        "试点期 {years} 年：{start} 至 {end}",
        "a pilot period of {years} years: {start} to {end}",
    ),
    "import_report_title": ("导入报告：{title}", "Import report: {title}"),
    "import_report_source": (
        "来源：{path}，任务读自{kind}",
        "Source: {path}; tasks read from {kind}",
    ),
    "import_from_table": ("任务分工表", "the task assignment table"),
    "import_from_items": ("正文的编号条目", "the numbered items of the body"),
    "import_report_counts": ("概况", "Summary"),
    "import_report_plan": ("印发：{issuer}，{issued}", "Issued by {issuer} on {issued}"),
    "import_report_period": ("试点期：{start} 至 {end}", "Pilot period: {start} to {end}"),
    "import_count_parts": ("部分：{count}", "parts: {count}"),
    "import_count_sections": ("节：{count}", "sections: {count}"),
    "import_count_tasks": ("任务：{count}", "tasks: {count}"),
    "import_count_units": ("单位：{count}", "units: {count}"),
    "import_count_groups": ("其中组/泛指：{count}", "of which groups and placeholders: {count}"),
    "import_count_milestones": ("时间节点：{count}", "milestones: {count}"),
    "import_count_notes": ("带备注的任务：{count}", "tasks with a note: {count}"),
    "import_report_doubts": ("待核实（{count}）", "Doubts to settle ({count})"),
    "import_report_decisions": ("处理决定（{count}）", "Decisions taken ({count})"),
    "import_report_none": ("无。", "None."),
    "import_report_units": (
        "单位（英文名暂同中文名，请补译）",
        "Units (the English name is the Chinese one until translated)",
    ),
    "import_col_id": ("编号", "id"),
    "import_col_name": ("名称", "name"),
    "import_col_kind": ("类别", "kind"),
    "import_col_aliases": ("别名", "aliases"),
    "import_col_lead": ("牵头", "lead"),
    "import_col_responsible": ("责任", "responsible"),
    "import_done": (
        "已从 {path} 导入 {tasks} 项任务、{units} 个单位；待核实 {doubts} 处，见 {report}",
        "imported {tasks} tasks and {units} units from {path}; {doubts} doubts to settle, see"
        " {report}",
    ),
    "import_dry_run": (
        "（--dry-run：未写入任何文件）",
        "(--dry-run: nothing was written)",
    ),
    "init_two_sources": (
        "--plan-from 与 --from-plan 只能选一个",
        "choose one of --plan-from and --from-plan",
    ),
    "import_registries_invalid": (
        "{path}：导入结果未通过检查（{problems}）；未建台账。这是 pilotledger 的问题，请报告",
        "{path}: the imported registries do not pass the check ({problems}); no ledger was made."
        " This is a pilotledger bug: please report it",
    ),
    "init_done_own_inside": (
        "已在 {path} 新建台账：它位于 git 仓库 {outer} 中，已建为独立的 git 仓库（分支 main），"
        "{outer} 未作任何改动或提交；已完成首次提交",
        "new ledger in {path}: it lies inside the git repository {outer}, so it was made a"
        " git repository of its own (branch main); nothing was changed or committed in {outer};"
        " first commit made",
    ),
    "init_already_committed": (
        "已在 {path} 完成台账：上次中断的 init 已提交过这些文件，未再提交",
        "ledger in {path} finished: an interrupted init had committed its files already; no new"
        " commit",
    ),
    "init_others_left": (
        "文件夹中原有的 {count} 个文件未改动，也未提交（需要时请自行 git add）",
        "the {count} file(s) already in the folder were neither changed nor committed (git add"
        " them yourself if they belong to the ledger)",
    ),
    "hooks_path_global": (
        "git 的 core.hooksPath 由{scope}配置设为 {folder}，所有仓库共用；pilotledger 未在其中写入。"
        "提交检查钩子已写入 {hook}/pre-commit，但 git 不会运行它；"
        "如需提交时检查台账，请在本仓库运行："
        "git config core.hooksPath {hook}",
        "git's core.hooksPath is set by the {scope} configuration to {folder}, shared by every"
        " repository; pilotledger wrote nothing there. The pre-commit check is in"
        " {hook}/pre-commit, which git will not run; to check the ledger on commit, run in this"
        " repository: git config core.hooksPath {hook}",
    ),
    "output_replaced": (
        "输出编码 {encoding} 无法表示其中 {count} 个字符，已以 ? 代替；"
        "设置 PYTHONIOENCODING=utf-8 可完整显示",
        "the output encoding {encoding} cannot carry {count} character(s); they were written as"
        " ?. Set PYTHONIOENCODING=utf-8 to see everything",
    ),
    "setup_done": ("已配置：{what}", "configured: {what}"),
    "setup_already": ("已存在：{what}", "already set: {what}"),
    # the CLI's own words
    "missing_options": (
        "缺少 {names}（标准输入不是终端，无法询问）；未写入",
        "missing {names} (stdin is not a terminal, so nothing can be asked); nothing written",
    ),
    "option_problem": ("{option}：{problem}", "{option}: {problem}"),
    "text_too_long": ("超过 {max_length} 个字符", "is longer than {max_length} characters"),
    "field_missing": ("缺少 {field}（必填）", "{field} is missing (required)"),
    "choose_period": (
        "请选择一种期间：--month、--quarter、--half 或 --year（如 --quarter 2022Q2）",
        "choose one period: --month, --quarter, --half or --year (e.g. --quarter 2022Q2)",
    ),
    "xlsx_needs_output": (
        "--format {format} 需要 --output 文件",
        "--format {format} needs --output FILE",
    ),
    "output_no_folder": (
        "--output：文件夹 {folder} 不存在",
        "--output: folder {folder} does not exist",
    ),
    "output_parent_not_folder": (
        "--output：{folder} 不是文件夹",
        "--output: {folder} is not a folder",
    ),
    "output_cannot_write": (
        "{option}：无法写入 {path}：{reason}",
        "{option}: cannot write {path}: {reason}",
    ),
    "output_into_git": (
        "{path} 位于 git 的 .git 文件夹中；输出文件不写入其中，请换一个位置",
        "{path} is inside git's .git folder; output files are never written there: choose"
        " another place",
    ),
    "output_written": ("已写入 {path}", "wrote {path}"),
    "aborted": ("已中止，未写入。", "Aborted; nothing written."),
    "internal_error": (
        "pilotledger 内部错误（是程序缺陷，不是您的数据问题）。"
        "请连同所运行的命令和上面的文字一起报告。",
        "pilotledger: internal error (a bug, not your data). Please report it with the "
        "command you ran and the text above.",
    ),
    "ledger_invalid": (
        "台账有 {count} 个问题，请先修正（见 pilotledger check）：",
        "the ledger has {count} problem(s); fix them (see `pilotledger check`):",
    ),
    "and_more": ("……另有 {count} 个", "… and {count} more"),
    # usage errors from the command-line parser (see cli/usage.py)
    "usage_see_help": (
        "{problem}（用法见 {command} --help）",
        "{problem} (see `{command} --help`)",
    ),
    "usage_no_command": ("没有命令“{name}”{hint}", "no command '{name}'{hint}"),
    "usage_no_option": ("没有选项 {option}{hint}", "no option {option}{hint}"),
    "usage_did_you_mean": ("；是否指：{names}？", "; did you mean {names}?"),
    "usage_needs_value": ("选项 {option} 后面要跟一个值", "option {option} needs a value after it"),
    "usage_no_value": ("选项 {option} 不带值", "option {option} takes no value"),
    "usage_missing": ("缺少 {name}", "missing {name}"),
    "usage_choice": (
        "{option}：“{text}”不可用；可用：{choices}",
        "{option}: '{text}' is not available; use one of {choices}",
    ),
    "usage_not_number": ("{option}：“{text}”不是整数", "{option}: '{text}' is not a whole number"),
    "usage_out_of_range": (
        "{option}：{text} 超出 {low}–{high}",
        "{option}: {text} is outside {low}–{high}",
    ),
    "usage_empty_value": (
        "{option} 的值是空的：请给出一个值，或者不写它",
        "{option} is empty: give it a value or leave it out",
    ),
    "usage_bad_value": ("{option}：值“{text}”无效", "{option}: the value '{text}' is not valid"),
    "usage_extra": ("多余的参数：{args}", "unexpected extra argument(s): {args}"),
    "usage_missing_command": ("缺少命令", "missing a command"),
    "usage_other": ("命令行用法不对", "the command line is not in the expected form"),
    # check: rules across files
    "dup_unit_id": ("单位代码 `{id}` 重复", "duplicate unit id `{id}`"),
    "dup_unit_name": (
        "单位名称或别名 `{name}` 用了两次",
        "unit name or alias `{name}` is used twice",
    ),
    "unknown_member": ("members 中有未知单位代码 `{id}`", "unknown unit id `{id}` in members"),
    "members_not_group": (
        "只有 group 类单位才有 members",
        "only a unit of kind `group` has members",
    ),
    "dup_part": ("部分序号 {number} 重复", "duplicate part number {number}"),
    "dup_section": ("板块序号 {number} 重复", "duplicate section number {number}"),
    "dup_task": ("任务序号 {number} 重复", "duplicate task number {number}"),
    "unknown_part": ("没有部分 {number}", "unknown part {number}"),
    "unknown_section": ("没有板块 {number}", "unknown section {number}"),
    "unknown_unit_id": (
        "未知单位代码 `{id}`（units.yaml 中没有）",
        "unknown unit id `{id}` (not in units.yaml)",
    ),
    "recorded_before_date": (
        "登记时间早于记录日期 {date}（北京时间）；补登可以晚于日期，不能早于日期",
        "recorded before the record's date {date} began (+08:00); a record can be recorded "
        "later than its date, never earlier",
    ),
    "plan_day_out_of_range": (
        "日期 {day} 超出方案允许的范围（{first} 至 {last}）",
        "day {day} is outside the range a plan may use ({first} to {last})",
    ),
    "plan_too_long": (
        "方案自 {first} 至 {end} 超过 {years} 年；方案最长 {years} 年",
        "the plan runs from {first} to {end}, more than {years} years; a plan runs at most {years}"
        " years",
    ),
    "plan_end_before_start": ("方案结束日早于开始日", "plan end is before its start"),
    "not_a_list": (
        "进展文件必须是记录的 YAML 列表（`- id: …`）",
        "a progress file must be a YAML list of records (`- id: …`)",
    ),
    "date_outside_month": (
        "日期 {date} 不在本文件的月份 {month} 内",
        "date {date} is outside this file's month {month}",
    ),
    "record_unknown_task": (
        "没有任务 {task}（任务为 1–{last}）",
        "unknown task {task} (tasks are 1–{last})",
    ),
    "record_unknown_unit": ("未知单位代码 `{unit}`", "unknown unit id `{unit}`"),
    "record_not_assigned": (
        "单位 `{unit}` 不是任务 {task} 的单位（该任务的单位：{names}）",
        "unit `{unit}` is not assigned to task {task} (its units: {names})",
    ),
    "dup_record_id": ("记录编号 `{id}` 重复", "duplicate record id `{id}`"),
    "evidence_missing": ("佐证材料 {file} 不存在", "evidence file {file} is missing"),
    "evidence_unstaged": (
        "佐证材料 {file} 在磁盘上，但未暂存：请运行 git add {file}（每月提交：git add progress"
        " evidence）",
        "evidence file {file} is on disk but not staged: run git add {file} (each month: git add"
        " progress evidence)",
    ),
    "evidence_altered": (
        "佐证材料 {file} 的内容已改变（sha256 不符）",
        "evidence file {file} has been altered (its sha256 no longer matches)",
    ),
    "evidence_outside": (
        "佐证材料 {file} 不在台账的 evidence/ 下",
        "evidence file {file} is not under evidence/",
    ),
    "yaml_tag": (
        "台账文件中不允许 YAML 标签（!…）",
        "YAML tags (!…) are not allowed in ledger files",
    ),
    "yaml_anchor": (
        "台账文件中不允许 YAML 锚点（&…）",
        "YAML anchors (&…) are not allowed in ledger files",
    ),
    "yaml_alias": (
        "台账文件中不允许 YAML 别名（*…）",
        "YAML aliases (*…) are not allowed in ledger files",
    ),
    "yaml_directive": (
        "台账文件中不允许 YAML 指令（%YAML、%TAG）",
        "YAML directives (%YAML, %TAG) are not allowed in ledger files",
    ),
    "yaml_too_deep": ("嵌套太深，无法读取", "nesting too deep to read"),
    "yaml_nesting": (
        "嵌套不能超过 {depth} 层",
        "nesting deeper than {depth} levels is not allowed",
    ),
    "yaml_syntax": ("YAML 格式错误：{detail}", "YAML: {detail}"),
    "yaml_bad_date": ("{text} 不是有效日期", "{text} is not a date"),
    "yaml_bad_timestamp": (
        "{field}：{text} 不是有效时间（应为 YYYY-MM-DD HH:MM:SS+08:00，时区偏移小于 24 小时）",
        "{field}: {text} is not a valid timestamp (YYYY-MM-DD HH:MM:SS+08:00, an offset under"
        " 24 hours)",
    ),
    "yaml_reserved_start": (
        "`@` 和 `` ` `` 不能作为未加引号文字的开头；请给文字加上引号",
        "`@` and `` ` `` cannot start a plain value; quote the text",
    ),
    "not_utf8": (
        "不是有效的 UTF-8（字节 {byte}）；请把文件存为 UTF-8，不要用 GBK 等编码",
        "not valid UTF-8 (byte {byte}); save the file as UTF-8, not GBK or another encoding",
    ),
    "missing_file": ("缺少文件 {name}", "missing file {name}"),
    "month_file_name": (
        "进展文件须命名为 YYYY-MM.yaml",
        "a progress file must be named YYYY-MM.yaml",
    ),
    # libyaml's phrases for the commonest slips (see yaml_phrase)
    "yaml_mapping_here": (
        "此处不能写“键: 值”（缩进不对，或文字中的冒号需要加引号）",
        "mapping values are not allowed here (wrong indentation, or quote text with a colon)",
    ),
    "yaml_expected_colon": ("缺少冒号“:”", "could not find expected ':'"),
    "yaml_tab": ("含有制表符，请用空格缩进", "a tab cannot start a token; indent with spaces"),
    "yaml_indent": ("缩进不一致", "the indentation does not line up"),
    "yaml_flow": (
        "方括号或花括号未闭合，或缺少逗号",
        "a [ ] or {{ }} list is not closed, or a comma is missing",
    ),
    "yaml_unclosed": (
        "文件意外结束（引号或括号未闭合？）",
        "unexpected end of the file (an unclosed quote or bracket?)",
    ),
    "yaml_duplicate_key": ("重复的键{detail}", "duplicate key{detail}"),
    # pydantic's error types, filled from ctx (see PYDANTIC below)
    "field_problem": ("{field}：{problem}", "{field}: {problem}"),
    "field_value_problem": ("{field}：{input} — {problem}", "{field}: {input} — {problem}"),
}

# Pydantic error type → (zh, en) problem wording; {name} fills from the error's ctx.
PYDANTIC: dict[str, tuple[str, str]] = {
    "missing": ("缺少字段 `{field}`", "missing field `{field}`"),
    "extra_forbidden": ("未知字段 `{field}`", "unknown field `{field}`"),
    "enum": ("不是以下之一：{expected}", "is not one of {expected}"),
    "string_type": ("应为文本", "should be text"),
    "string_too_short": ("不能为空", "should not be empty"),
    "string_too_long": ("超过 {max_length} 个字符", "is longer than {max_length} characters"),
    "string_pattern_mismatch": (
        "格式不对（只能用小写字母、数字和连字符）",
        "has the wrong form (lower-case letters, digits and hyphens only)",
    ),
    "int_type": ("应为整数", "should be a whole number"),
    "int_parsing": ("应为整数", "should be a whole number"),
    "int_from_float": ("应为整数", "should be a whole number"),
    "bool_type": ("应为整数", "should be a whole number"),
    "greater_than_equal": ("应不小于 {ge}", "should be at least {ge}"),
    "less_than_equal": ("应不大于 {le}", "should be at most {le}"),
    "greater_than": ("应大于 {gt}", "should be greater than {gt}"),
    "less_than": ("应小于 {lt}", "should be less than {lt}"),
    "list_type": ("应为列表", "should be a list"),
    "too_short": ("至少需要 {min_length} 项", "needs at least {min_length} item(s)"),
    "dict_type": ("应为映射（键: 值）", "should be a mapping (key: value)"),
    "model_type": ("应为映射（键: 值）", "should be a mapping (key: value)"),
    "model_attributes_type": ("应为映射（键: 值）", "should be a mapping (key: value)"),
    "date_type": ("应为日期（YYYY-MM-DD）", "should be a date (YYYY-MM-DD)"),
    "date_parsing": ("应为日期（YYYY-MM-DD）", "should be a date (YYYY-MM-DD)"),
    "date_from_datetime_parsing": ("应为日期（YYYY-MM-DD）", "should be a date (YYYY-MM-DD)"),
    "datetime_type": (
        "应为带时区的时间（2022-03-16 10:20:00+08:00）",
        "should be a time with its offset (2022-03-16 10:20:00+08:00)",
    ),
    "datetime_parsing": (
        "应为带时区的时间（2022-03-16 10:20:00+08:00）",
        "should be a time with its offset (2022-03-16 10:20:00+08:00)",
    ),
    "timezone_aware": ("须带时区（如 +08:00）", "needs its UTC offset (e.g. +08:00)"),
    "union_tag_invalid": ("形式不对", "has the wrong form"),
    "date_not_plain": (
        "应为日期（YYYY-MM-DD），不带时间",
        "must be a date (YYYY-MM-DD) without a time",
    ),
    "date_text_bad": ("不是日期（YYYY-MM-DD）", "is not a date (YYYY-MM-DD)"),
    "phone_bad": (
        "不是电话号码（只能有数字和 +-()、，转，最多 64 个字符；请加引号）",
        "is not a telephone number (digits and + - ( ) only, at most 64 characters; quote it)",
    ),
    "evidence_form": ("应为文字，或 {{file, sha256}}", "should be text or {{file, sha256}}"),
}
# What the operating system said, by errno name (os_reason): the English is the C library's own
# strerror text, so an English message reads as it always did.
OS_REASONS = {
    "ENOENT": ("没有这个文件或文件夹", "No such file or directory"),
    "ENOTDIR": ("路径中有一段不是文件夹", "Not a directory"),
    "EEXIST": ("已存在同名的文件或文件夹", "File exists"),
    "EISDIR": ("是一个文件夹", "Is a directory"),
    "EACCES": ("没有权限", "Permission denied"),
    "EPERM": ("不允许此操作", "Operation not permitted"),
    "ENOSPC": ("磁盘空间已满", "No space left on device"),
    "EROFS": ("磁盘是只读的", "Read-only file system"),
    "ENAMETOOLONG": ("名称过长", "File name too long"),
    "ELOOP": ("链接层数过多", "Too many levels of symbolic links"),
    "EBUSY": ("设备或资源正忙", "Device or resource busy"),
}
MESSAGES.update({f"os:{name}": words for name, words in OS_REASONS.items()})
PYDANTIC_FALLBACK = ("值无效", "is not valid")
PROBLEM_TEMPLATES = {f"pydantic:{kind}": words for kind, words in PYDANTIC.items()}
PROBLEM_TEMPLATES["pydantic:*"] = PYDANTIC_FALLBACK
MESSAGES.update(PROBLEM_TEMPLATES)
