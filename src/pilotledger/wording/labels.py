"""The labels (column headers, titles, prompts, notes) in Chinese and English, keyed, and each
status's name. Data only: wording/__init__.py words them. Data text is never translated."""

from __future__ import annotations

# By each status's key (model.Status values, in their order): `--help` words statuses without
# importing the model.
STATUS_LABELS: dict[str, tuple[str, str]] = {
    "not_started": ("未启动", "not started"),
    "in_progress": ("推进中", "in progress"),
    "blocked": ("受阻", "blocked"),
    "done": ("已完成", "done"),
}

LABELS: dict[str, tuple[str, str]] = {
    # columns
    "task": ("序号", "Task"),
    "text": ("试点任务", "Task text"),
    "section": ("板块", "Section"),
    "part": ("部分", "Part"),
    "lead": ("牵头单位", "Lead units"),
    "responsible": ("责任单位", "Responsible units"),
    "note": ("备注", "Note"),
    "status": ("状态", "Status"),
    "progress": ("进度", "Progress"),
    "last_date": ("最近报送", "Last report"),
    "missing": ("缺报", "Missing"),
    "light": ("灯", "Light"),
    "unit": ("单位", "Unit"),
    "unit_id": ("代码", "Id"),
    "kind": ("类别", "Kind"),
    "aliases": ("别名", "Aliases"),
    "lead_count": ("牵头", "Lead"),
    "responsible_count": ("责任", "Responsible"),
    "date": ("日期", "Date"),
    "id": ("编号", "Id"),
    "summary": ("工作进展", "Progress made"),
    "problems": ("存在问题", "Problems"),
    "next_steps": ("下步打算", "Next steps"),
    "evidence": ("佐证材料", "Evidence"),
    "corrects": ("更正", "Corrects"),
    "recorded_at": ("录入时间", "Recorded at"),
    "recorded_by": ("录入人", "Recorded by"),
    "milestones": ("节点", "Milestones"),
    "due": ("期限", "Due"),
    "target": ("目标", "Target"),
    "days": ("逾期天数", "Days overdue"),
    "overdue_kind": ("类型", "Kind"),
    "period": ("期间", "Period"),
    "months": ("月份", "Months"),
    "tasks": ("任务数", "Tasks"),
    "total": ("合计", "Total"),
    "records": ("报送条数", "Records"),
    "owed": ("应报", "Owed"),
    "filed": ("已报", "Filed"),
    "compliance": ("报送率", "Compliance"),
    "completion": ("完成率", "Completion"),
    "average_progress": ("平均进度", "Average progress"),
    "progress_start": ("期初进度", "Progress at start"),
    "progress_end": ("期末进度", "Progress at end"),
    "progress_change": ("进度变化", "Change"),
    "status_start": ("期初状态", "Status at start"),
    "status_end": ("期末状态", "Status at end"),
    "at_start": ("期初", "At start"),
    "at_end": ("期末", "At end"),
    "change": ("变化", "Change"),
    "result": ("结果", "Result"),
    "completed_on": ("完成日期", "Completed on"),
    # overdue kinds and lights
    "kind_report": ("缺报", "missing report"),
    "unit_kind_department": ("县政府工作部门", "county department"),
    "unit_kind_institution": ("县属事业单位", "county institution"),
    "unit_kind_party": ("县委工作机关", "county Party office"),
    "unit_kind_stationed": ("驻县/垂直管理机构", "stationed or vertically managed"),
    "unit_kind_court": ("法院", "court"),
    "unit_kind_group": ("单位集合", "group of units"),
    "kind_milestone": ("逾期节点", "missed milestone"),
    "light_green": ("绿灯", "green"),
    "light_yellow": ("黄灯", "yellow"),
    "light_red": ("红灯", "red"),
    "legend": (
        "图例：绿灯 按计划推进或已完成；黄灯 受阻或缺报 1 个月；红灯 节点逾期或缺报 2 个月及以上",
        "Legend: green on track or done; yellow blocked or 1 monthly report missing; "
        "red a missed milestone or 2+ missing reports",
    ),
    "matrix_legend": ("● 牵头　○ 责任", "● lead  ○ responsible"),
    "matrix_page": ("任务 {first}–{last}", "tasks {first}–{last}"),
    "matrix_pages_note": (
        "矩阵分页，每页 {count} 项任务，只列出在该页任务中有分工的单位",
        "the matrix in pages of {count} tasks, each listing the units assigned to its tasks",
    ),
    "mark_lead": ("牵头", "lead"),
    "mark_responsible": ("责任", "responsible"),
    "corrected": ("已更正", "corrected"),
    "correction_of": ("更正 {id}", "corrects {id}"),
    "correction_of_record": (
        "更正 {date} {unit} 的记录",
        "corrects the record of {date} by {unit}",
    ),
    "correction_detail": ("更正 {id}（{date}：{summary}）", "corrects {id} ({date}: {summary})"),
    # titles
    "title_status": ("任务进展（截至 {as_of}）", "Task status as of {as_of}"),
    "title_overdue": ("逾期清单（截至 {as_of}）", "Overdue as of {as_of}"),
    "title_owed_by": ("{unit}（{count} 项）", "{unit} ({count} items)"),
    "title_matrix": ("任务分工矩阵", "Units × tasks"),
    "title_tasks": ("试点任务", "Tasks"),
    "title_units": ("责任单位", "Units"),
    "title_history": ("进展记录", "History"),
    "title_report": ("{plan} {label}报告", "{plan}: report for {label}"),
    "judged_on": ("截至{day}", "judged on {day}"),
    "provisional": ("临时报告", "provisional"),
    "provisional_note": (
        "临时报告：部分月份尚未到报送期限，计为待报。",
        "Provisional: made before the judgment day; months not yet due count as pending.",
    ),
    "on_time": ("按时", "On time"),
    "late": ("迟报", "Late"),
    "pending": ("待报", "Pending"),
    "filed_by_self": ("本单位报送", "Filed by the unit"),
    "on_time_rate": ("按时率", "On-time rate"),
    "result_met": ("达成", "met"),
    "result_missed": ("未达成", "missed"),
    "result_pending": ("未到期", "pending"),
    "next_item": ("事项", "Item"),
    "next_report": ("下次月报截止", "next monthly report due"),
    "kind_upcoming_milestone": ("节点", "milestone"),
    "score_tasks_led": ("牵头任务", "Tasks led"),
    "score_done": ("已完成", "Done"),
    "score_missed_milestones": ("逾期节点", "Missed milestones"),
    "score_owed": ("应报", "Owed"),
    "score_on_time": ("按时", "On time"),
    "score_late": ("迟报", "Late"),
    "score_missing": ("缺报", "Missing"),
    "missing_since": ("应报截止日", "Due since"),
    "report_narrative": ("工作进展详情", "Narrative"),
    "report_problems": ("问题清单", "Problems"),
    "report_upcoming": ("下步安排", "What comes next"),
    "report_scorecard": ("单位年度考评", "Scorecard by lead unit"),
    "title_reminder": (
        "{unit}：试点任务提示清单（截至 {as_of}）",
        "{unit}: reminder list as of {as_of}",
    ),
    "reminder_missing": ("缺报月报", "Missing monthly reports"),
    "reminder_missed": ("逾期节点", "Missed milestones"),
    "reminder_next": ("近期事项（30 日内）", "Due next (within 30 days)"),
    "reminder_again": (
        "再次提示：我办已于{days}就下列事项提示你单位，至今仍未办结",
        "Second notice: you were reminded of these items on {days} and they are still open",
    ),
    "letter_title_first": (
        "关于报送{pilot}推进情况的提示函",
        "Reminder: reports on the progress of {pilot}",
    ),
    "letter_title_again": (
        "关于报送{pilot}推进情况的再次提示函",
        "Second reminder: reports on the progress of {pilot}",
    ),
    "letter_opening_first": (
        "根据《{plan}》，各牵头单位应于每月{report_day}日前报送上月试点任务推进情况。"
        "截至{day}，你单位牵头的试点任务有以下事项需要办理：",
        "Under {plan}, each lead unit reports the progress of its tasks by day {report_day}"
        " of the following month. As of {day}, the tasks your unit leads need the following:",
    ),
    "letter_opening_again": (
        "我办已于{days}就下列事项向你单位提示，截至{day}仍未办结，现再次提示：",
        "You were reminded of the following on {days}; as of {day} they are still open."
        " This is a second reminder:",
    ),
    "letter_task": ("序号{task}（{text}）", "Task {task} ({text})"),
    "letter_missing_item": (
        "{task}：{months}推进情况未报送，最早一期应于{since}前报送，已逾期{days}天。",
        "{task}: no report for {months}; the first was due by {since}, {days} days ago.",
    ),
    "letter_missed_item": (
        "{task}：应于{due}前达到“{target}”，至今未达到。",
        "{task}: was to be {target} by {due} and is not yet.",
    ),
    "letter_upcoming_item": (
        "{task}：应于{due}前达到“{target}”。",
        "{task}: is to be {target} by {due}.",
    ),
    "letter_next_report": (
        "{month}推进情况应于{due}前报送。",
        "The report for {month} is due by {due}.",
    ),
    "letter_coming": ("近期到期事项", "Due next"),
    "letter_request": ("工作要求", "What we ask"),
    "letter_ask_missing": (
        "请于{day}前补报上述缺报月份的推进情况",
        "Please send the missing reports by {day}",
    ),
    "letter_ask_missed": (
        "对逾期节点于{day}前书面说明原因及整改措施",
        "explain in writing by {day} why each milestone was missed and what is being done",
    ),
    "letter_ask_next": (
        "按时报送下期推进情况（{due}前）",
        "send the next report on time (by {due})",
    ),
    "letter_ask_upcoming": (
        "请按期完成上述近期到期事项",
        "Please meet the milestones above on time",
    ),
    "letter_annex": ("待办事项清单", "What is owed, item by item"),
    "reminder_nothing": ("{unit} 截至 {as_of} 无待办事项。", "{unit} owes nothing as of {as_of}."),
    "reminder_written": ("已写入 {path}", "wrote {path}"),
    "remind_needs_output_dir": (
        "提示清单每个单位一个文件：请用 --output-dir 目录；或用 --unit 单位"
        " 把该单位的清单输出到屏幕（xlsx 须写入目录）",
        "reminder lists are one file per unit: give --output-dir DIR, "
        "or --unit U to print that unit's list (xlsx needs --output-dir)",
    ),
    "period_not_begun": (
        "{label} 尚未开始：今天（{today}）早于其开始日 {start}",
        "{label} has not begun yet: today ({today}) is before its start, {start}",
    ),
    "judged_before_period": (
        "--as-of {day} 早于报告期开始日 {start}，无法统计该期情况",
        "--as-of {day} is before the period's start {start}; a report cannot be judged then",
    ),
    "problem_kind": ("类型", "Kind"),
    "problem_blocked": ("受阻", "blocked"),
    "problem_problems": ("反映问题", "problems named"),
    "problem_missing_report": ("缺报月报", "missing reports"),
    "problem_missed_milestone": ("节点逾期", "missed milestone"),
    "problem_missed_target": ("未达到{target}", "did not reach {target}"),
    "problems_see_overdue": (
        "缺报月报和逾期节点见逾期事项表。",
        "Missing reports and missed milestones are listed under the overdue items.",
    ),
    "overdue_tasks": ("任务序号", "Tasks"),
    "overdue_milestone_when": ("{due}前达到{target}", "{target} by {due}"),
    "period_last_of_plan": (
        "当前期间 {label} 在方案结束日 {end} 之后：报告方案的最后一期 {last}",
        "the current period {label} begins after the plan's end {end}: reporting the plan's "
        "last one, {last}",
    ),
    "period_after_plan": (
        "当前期间 {label} 在方案结束日 {end} 之后，无可报告内容：请指定期间，如 --{kind} {example}",
        "the current period {label} begins after the plan's end {end}, so there is nothing to "
        "report; give a period, e.g. --{kind} {example}",
    ),
    "reminders_none": ("截至 {as_of} 没有单位有待办事项。", "No unit owes anything as of {as_of}."),
    "report_month": ("月度调度", "Monthly dispatch"),
    "report_quarter": ("季度提示", "Quarterly reminder"),
    "report_half": ("半年检查", "Half-year inspection"),
    "report_year": ("年底对账", "Year-end reconciliation"),
    "report_summary": ("状态汇总", "Status counts"),
    "report_sections": ("分板块情况", "By section"),
    "report_tasks": ("分任务情况", "By task"),
    "report_overdue": ("逾期事项（截至{as_of}）", "Overdue as of {as_of}"),
    "report_units": ("单位报送情况", "Reporting by unit"),
    "report_milestones": ("年度节点对账", "Milestones due in the year"),
    "report_completed": ("年内完成任务", "Tasks completed in the year"),
    "period_range": ("{start} 至 {end}", "{start} to {end}"),
    "no_rows": ("（无）", "(none)"),
    "list_separator": ("、", ", "),  # joins a list cell's items (units, months) for display
    "reading_files": ("读取台账文件", "Reading the ledger files"),
    "nothing_overdue": ("截至 {as_of} 无逾期事项。", "Nothing overdue as of {as_of}."),
    # documents and the trend (render: docx, xlsx, html, terminal chart)
    "month": ("月份", "Month"),
    "share_done": ("完成占比", "Share done"),
    "title_trend": ("{plan} 进展趋势（截至 {as_of}）", "{plan}: progress over time as of {as_of}"),
    "title_trend_by_section": (
        "分板块进展趋势（截至 {as_of}）",
        "Progress by section as of {as_of}",
    ),
    "title_trend_by_unit": (
        "分牵头单位进展趋势（截至 {as_of}）",
        "Progress by lead unit as of {as_of}",
    ),
    "trend_chart": ("各月任务状态", "Tasks by status per month"),
    "trend_to_come": ("尚未到来", "to come"),
    "trend_after_period": ("本期之后", "after this period"),
    "trend_note": (
        "每月按月末（当月未结束的按截至日）统计各任务状态；方案剩余月份留空。",
        "Each month counts every task's status at the month's end (the running month on the "
        "as-of day); the plan's months still to come are left empty.",
    ),
    "trend_note_report": (
        "每月按月末统计各任务状态；本期之后的月份留空。",
        "Each month counts every task's status at the month's end; the months after this "
        "period are left empty.",
    ),
    "group": ("分组", "Group"),
    "meta_plan": ("方案", "Plan"),
    "meta_issuer": ("印发单位", "Issued by"),
    "meta_period": ("期间", "Period"),
    "meta_judged_on": ("截至", "Judgment day"),
    "meta_as_of": ("截至", "As of"),
    "meta_made_on": ("制表日期", "Made on"),
    "meta_provisional": (
        "（初步：部分月度进展尚未到报送期限）",
        " (provisional: judgment day not reached)",
    ),
    "avg_progress": ("平均进度 {avg}", "average {avg}"),
    # review and check
    "file": ("文件", "File"),
    "line": ("行", "Line"),
    "col": ("列", "Column"),
    "message": ("问题", "Problem"),
    "change_kind": ("变更", "Change"),
    "fields": ("字段", "Fields"),
    "title_review": ("自 {base} 以来的台账变更", "Ledger changes since {base}"),
    "title_review_merge": (
        "合并提交 HEAD 从各方带入的台账变更",
        "Ledger changes the merge HEAD brought in from every parent",
    ),
    "review_added": ("新增记录（{count} 条）", "Records added ({count})"),
    "title_review_pull": (
        "上次拉取（ORIG_HEAD..HEAD）带来的台账变更",
        "Ledger changes the last pull brought (ORIG_HEAD..HEAD)",
    ),
    "review_origin": ("来源", "From"),
    "review_not_committed": ("未提交", "not committed"),
    "review_side_merging": ("合并方（第{parent}父提交）", "merging side (parent {parent})"),
    "review_side_merged_in": ("并入方（第{parent}父提交）", "side merged in (parent {parent})"),
    "review_flagged": (
        "修改或删除的记录（{count} 条，须复核）",
        "Records edited or removed ({count}, to be reviewed)",
    ),
    "review_registries": ("登记表变更", "Registry changes"),
    "incomplete_label": ("数据不完整", "Data incomplete"),
    "incomplete_note": (
        "{count} 处问题，有问题的记录未计入本文（运行 pilotledger check 查看并改正）：{places}",
        "{count} problem(s): the records with problems are left out of this document (run "
        "pilotledger check to see and fix them): {places}",
    ),
    "review_contested": (
        "同一记录被更正两次以上（{count} 处）",
        "Records corrected more than once ({count})",
    ),
    "review_corrections": ("各更正", "Corrections"),
    "review_applies": ("按规则采用", "Applies"),
    "review_contested_note": (
        "两位填报人分别更正了同一记录：以登记较晚（同时则编号较大）的更正为准；更正被采用的那条即可改定。",
        "Two clerks corrected one record: the correction recorded later (then the larger id) "
        "applies; correcting the one that applies settles it.",
    ),
    # review: what a registry change does to past judgments (registry_change.py)
    "review_judgments": (
        "登记表变更对既往判断的影响（{count} 项）",
        "What the registry changes do to past judgments ({count})",
    ),
    "review_judgment_cause": ("变更", "Change"),
    "review_judgment_effect": ("既往判断的变化", "What it changes"),
    "review_judgments_note": (
        "以旧、新登记表分别按同样的记录和规则判断（截至{day}），列出结论不同之处；"
        "check --since 拒绝此类变更，除非加 --allow-registry-change。",
        "Judged by the same rules over the same records with the old and the new registries "
        "(as of {day}); what differs is listed. check --since refuses such a change unless "
        "given --allow-registry-change.",
    ),
    "cause_report_day": ("报送日 {before} → {after}", "report_day {before} → {after}"),
    "cause_issued": ("印发日 {before} → {after}", "plan.issued {before} → {after}"),
    "cause_start": ("计划开始日 {before} → {after}", "plan.start {before} → {after}"),
    "cause_end": ("计划结束日 {before} → {after}", "plan.end {before} → {after}"),
    "cause_milestones": (
        "任务{task}的节点 {before} → {after}",
        "task {task} milestones {before} → {after}",
    ),
    "cause_lead": (
        "任务{task}的牵头单位 {before} → {after}",
        "task {task} lead units {before} → {after}",
    ),
    "cause_responsible": (
        "任务{task}的责任单位 {before} → {after}",
        "task {task} responsible units {before} → {after}",
    ),
    "cause_task_added": ("新增任务{task}", "task {task} added"),
    "cause_task_removed": ("删除任务{task}", "task {task} removed"),
    "milestone_words": ("{due} {target}", "{due} {target}"),
    "judged_before_on_time": ("按时报送", "on-time"),
    "judged_before_late": ("迟报", "late"),
    "judged_before_missing": ("缺报", "missing"),
    "judged_before_met": ("已达成节点", "met"),
    "judged_before_missed": ("未达成节点", "missed"),
    "judged_on_time": ("按时", "on time"),
    "judged_late": ("迟报", "late"),
    "judged_missing": ("缺报", "missing"),
    "judged_met": ("达成", "met"),
    "judged_owed": ("应报", "owed"),
    "judged_pending": ("未到期", "not yet due"),
    "judged_before_pending": ("未到期月报", "not-yet-due"),
    "judged_before_milestone_pending": ("未到期节点", "pending"),
    "judged_missed": ("未达成", "missed"),
    "shift_report": (
        "{year}年的{count}份{before}变为{after}",
        "{count} {before} reports of {year} become {after}",
    ),
    "shift_report_one": (
        "{year}年的{count}份{before}变为{after}",
        "{count} {before} report of {year} becomes {after}",
    ),
    "shift_report_owed": (
        "{year}年的{count}个月变为应报，判为{after}",
        "{count} months of {year} become owed, judged {after}",
    ),
    "shift_report_owed_one": (
        "{year}年的{count}个月变为应报，判为{after}",
        "{count} month of {year} becomes owed, judged {after}",
    ),
    "shift_report_unowed": (
        "{year}年的{count}份{before}变为无需报送",
        "{count} {before} reports of {year} are no longer owed",
    ),
    "shift_report_unowed_one": (
        "{year}年的{count}份{before}变为无需报送",
        "{count} {before} report of {year} is no longer owed",
    ),
    "shift_milestone": (
        "{year}年到期的{count}个{before}变为{after}",
        "{count} {before} milestones due in {year} become {after}",
    ),
    "shift_milestone_one": (
        "{year}年到期的{count}个{before}变为{after}",
        "{count} {before} milestone due in {year} becomes {after}",
    ),
    "shift_milestone_owed": (
        "{year}年到期的{count}个新节点判为{after}",
        "{count} new milestones due in {year}, judged {after}",
    ),
    "shift_milestone_owed_one": (
        "{year}年到期的{count}个新节点判为{after}",
        "{count} new milestone due in {year}, judged {after}",
    ),
    "shift_milestone_unowed": (
        "{year}年到期的{count}个{before}不再存在",
        "{count} {before} milestones due in {year} no longer exist",
    ),
    "shift_milestone_unowed_one": (
        "{year}年到期的{count}个{before}不再存在",
        "{count} {before} milestone due in {year} no longer exists",
    ),
    "shift_unit": ("{unit}：{counts}", "{unit}: {counts}"),
    "shift_unit_count": ("{name} {before} → {after}", "{name} {before} → {after}"),
    "kind_edited": ("修改", "edited"),
    "kind_removed": ("删除", "removed"),
    # site
    "site_home": ("首页", "Home"),
    "site_matrix": ("分工矩阵", "Matrix"),
    "site_reports": ("周期报告", "Period reports"),
    "site_units": ("单位", "Units"),
    "site_task": ("任务 {number}", "Task {number}"),
    "site_as_of": ("截至", "As of"),
    "site_issuer": ("印发单位", "Issued by"),
    "site_issued": ("印发日期", "Issued"),
    "site_pilot_period": ("试点期", "Pilot period"),
    "site_count": ("任务数", "Tasks"),
    "site_by_status": ("按状态", "By status"),
    "site_by_light": ("按灯色", "By light"),
    "site_trend": ("进展趋势", "Trend"),
    "site_attention": ("需关注（红灯、黄灯）", "Needs attention (red and yellow)"),
    "site_nothing_attention": ("无红灯、黄灯任务。", "No red or yellow tasks."),
    "site_parts": ("部分与板块", "Parts and sections"),
    "site_all_tasks": ("全部任务", "All tasks"),
    "site_done_share": ("已完成 {done}/{total}", "{done}/{total} done"),
    "site_footer": (
        "pilotledger 据台账生成，截至 {as_of}。",
        "Made by pilotledger from the ledger, as of {as_of}.",
    ),
    "site_leads": ("牵头任务", "Tasks it leads"),
    "site_shares": ("参与任务（责任单位）", "Tasks it shares (responsible)"),
    "site_by_month": ("按月报送记录", "Reporting record by month"),
    "site_members": ("成员单位", "Members"),
    "site_superseded": ("已被 {id} 更正", "corrected by {id}"),
    "site_superseded_record": (
        "已被 {date} {unit} 的记录更正",
        "corrected by the record of {date} by {unit}",
    ),
    "site_no_history": ("尚无进展记录。", "No progress recorded yet."),
    "site_no_reports": ("尚无已结束的周期。", "No period has ended yet."),
    "site_month": ("月份", "Month"),
    "site_none": ("无", "none"),
    "site_stale": (
        "网站已过期：{count} 个文件需更新。",
        "the site is stale: {count} files to update.",
    ),
    "site_current": ("网站已是最新。", "the site is current."),
    "site_written": (
        "已写入 {written} 个文件，删除 {removed} 个：{index}",
        "wrote {written} files, removed {removed}: {index}",
    ),
    "site_filter": ("筛选：单位、状态、文字…", "Filter: unit, status, text…"),
    "site_evidence_missing": ("（文件缺失）", "(file missing)"),
    # messages
    "check_ok": (
        "检查通过：{tasks} 项任务，{units} 个单位，{records} 条记录，{files} 个文件",
        "ledger OK: {tasks} tasks, {units} units, {records} records, {files} files",
    ),
    "check_failed": ("发现 {count} 个问题", "{count} problem(s) found"),
    "written": ("已写入 {id} → {file}", "recorded {id} in {file}"),
    "git_add_line": ("提交前暂存：{command}", "to commit, stage: {command}"),
    "new_status": (
        "任务 {task}：{status}，进度 {progress}",
        "task {task}: {status}, progress {progress}",
    ),
    "confirm": ("确认写入？", "Write this record?"),
    "cancelled": ("已取消，未写入。", "Cancelled; nothing written."),
    "warn_done_again": ("注意：任务 {task} 此前已完成。", "note: task {task} was already done."),
    "warn_progress_down": (
        "注意：进度由 {before} 降为 {after}。",
        "note: progress goes down from {before} to {after}.",
    ),
    # forms (`form`) and intake (`intake`)
    "form_sheet": ("台账表", "Form"),
    "form_title": ("{unit}{month}试点任务进展填报表", "{unit}: progress form for {month}"),
    "form_due": ("报送截止：{due}　报送至：{to}", "Due: {due}    Return to: {to}"),
    "form_return_to": ("县试点办", "the pilot office"),
    "form_filler": ("填报人", "Filled in by"),
    "form_phone": ("联系电话", "Telephone"),
    "form_filled_on": ("填报日期", "Date"),
    "form_note": (
        "填写说明：只填白色单元格。状态从下拉列表选择；进度填 0–100 的整数；进展日期须在{month}内，"
        "留空按收到之日计；未填状态的行视为本月不报送。灰色单元格已锁定，仅供参考。",
        "How to fill in: only the white cells. Pick the status from the list; progress is a whole "
        "number 0–100; the date must fall in {month} (empty: the day the form is received); a "
        "row without a status is not reported. Grey cells are locked, for reference only.",
    ),
    "form_col_number": ("序号", "No."),
    "form_col_text": ("试点任务", "Task"),
    "form_col_role": ("分工", "Role"),
    "form_col_last_status": ("上次状态", "Last status"),
    "form_col_last_progress": ("上次进度", "Last progress"),
    "form_col_status": ("状态", "Status"),
    "form_col_progress": ("进度（%）", "Progress (%)"),
    "form_col_date": ("进展日期", "Date"),
    "form_col_summary": ("工作进展", "Progress made"),
    "form_col_problems": ("存在问题", "Problems"),
    "form_col_next_steps": ("下步打算", "Next steps"),
    "form_col_evidence": ("佐证材料", "Evidence"),
    "form_via": ("{role}（{group}）", "{role} ({group})"),
    "form_status_error": ("请从下拉列表选择状态", "Pick a status from the list"),
    "form_progress_error": ("进度为 0–100 的整数", "Progress is a whole number 0–100"),
    "form_date_error": ("进展日期须在{month}内", "The date must fall in {month}"),
    "form_text_error": ("文字过长（最多 {max} 字）", "Text too long (at most {max} characters)"),
    "forms_written": ("已写入 {count} 份填报表到 {folder}", "{count} forms written to {folder}"),
    "intake_title": ("将录入的记录（{count} 条）", "Records to be written ({count})"),
    "intake_col_form": ("填报表", "Form"),
    "intake_col_cell": ("行", "Row"),
    "intake_col_kind": ("类型", "Kind"),
    "intake_new": ("新增", "new"),
    "intake_correction": ("更正", "correction"),
    "intake_confirm": ("写入以上记录？", "Write these records?"),
    "intake_nothing": ("没有要录入的记录", "Nothing to record"),
    "intake_dry_run": ("（试运行，未写入）", "(dry run: nothing written)"),
    "intake_written": (
        "已从 {forms} 份填报表录入 {count} 条记录到 {files}",
        "{count} records from {forms} forms written to {files}",
    ),
    "intake_unchanged": (
        "{file}：{count} 行与已录入的记录相同，跳过",
        "{file}: {count} rows are the same as the records already made; skipped",
    ),
    "review_from_form": ("{count} 条记录来自 {name}", "{count} records from {name}"),
    # prompts
    "prompt_task": ("任务序号", "Task number"),
    "prompt_unit": ("报送单位", "Reporting unit"),
    "prompt_date": ("进展日期", "Date of the progress"),
    "prompt_status": ("状态", "Status"),
    "prompt_progress": ("进度（0–100，可空）", "Progress (0–100, may be empty)"),
    "prompt_summary": ("工作进展", "Progress made"),
    "prompt_problems": ("存在问题（可空）", "Problems (may be empty)"),
    "prompt_next_steps": ("下步打算（可空）", "Next steps (may be empty)"),
    "multiline_hint": (
        "可多行，空行结束，粘贴的空行留在本栏；单独输入 e 打开编辑器",
        "several lines; an empty line ends, blank lines of a paste stay; e alone opens $EDITOR",
    ),
    "prompt_evidence": (
        "佐证材料（每行一项：文件路径或文字；空行结束）",
        "Evidence (one a line: a file path or text; an empty line ends)",
    ),
    "confirm_title": ("将写入的记录：", "The record to be written:"),
    "confirm_again": ("请回答 y（写入）或 n（不写入）", "answer y (write) or n (do not write)"),
    "correcting": ("更正记录 {id}：", "Correcting record {id}:"),
    "task_line": ("任务", "Task"),
    "change_which": ("要修改哪一项？", "Which field do you want to change?"),
    "prompt_change": ("编号（q 不写入并退出）", "Number (q quits without writing)"),
    "evidence_file_shown": (
        "文件 {path}（将存入 evidence/）",
        "file {path} (to be stored in evidence/)",
    ),
    # documents to send (report_letter.py): a 报告 / 通报 written from the data
    "sent_title_report": (
        "关于{pilot}{period}推进情况的报告",
        "Report on the progress of {pilot}, {period}",
    ),
    "sent_title_notice": (
        "关于{pilot}{period}推进情况的通报",
        "Notice on the progress of {pilot}, {period}",
    ),
    "sent_notice_to": ("各试点任务牵头单位", "The lead units of the pilot's tasks"),
    "sent_addressee": ("{name}：", "To: {name}"),
    "sent_opening_report": (
        "现将{pilot}{period}（{start}至{end}）推进情况报告如下。",
        "The progress of {pilot} in {period} ({start} to {end}) is reported as follows.",
    ),
    "sent_opening_notice": (
        "现将{pilot}{period}（{start}至{end}）推进情况通报如下。",
        "The progress of {pilot} in {period} ({start} to {end}) is notified as follows.",
    ),
    "sent_provisional": (
        "本期部分月度进展到{day}尚未到报送期限，以下为初步情况。",
        "Some monthly reports of the period are not yet due on {day}: what follows is provisional.",
    ),
    "sent_overall": ("总体情况", "Overall"),
    "sent_tasks": (
        "截至{day}，{total}项试点任务中，已完成{done}项，推进中{in_progress}项，受阻{blocked}项，未启动{not_started}项。",
        (
            "On {day}, of the {total} tasks {done} were done, {in_progress} in progress, {blocked"
            "} blocked and {not_started} not started."
        ),
    ),
    "sent_change": ("与{previous}末相比，{changes}。", "Since the end of {previous}: {changes}."),
    "sent_change_up": ("{status}增加{n}项", "{status} up {n}"),
    "sent_change_down": ("{status}减少{n}项", "{status} down {n}"),
    "sent_change_none": (
        "与{previous}末相比，各类任务数均无变化。",
        "No count changed since the end of {previous}.",
    ),
    "sent_lights": (
        "按灯色，绿灯{green}项，黄灯{yellow}项，红灯{red}项。",
        "By light: {green} green, {yellow} yellow, {red} red.",
    ),
    "sent_reporting": (
        (
            "截至{day}，本期{units}个牵头单位应报月度进展{owed}份，已报{filed}份（其中按时{on_tim"
            "e}份，逾期补报{late}份），缺报{missing}份；全县报送率{compliance}，按时率{on_time_ra"
            "te}。"
        ),
        (
            "On {day}, the {units} lead units owed {owed} monthly reports for the period and file"
            "d {filed} ({on_time} on time, {late} late); {missing} are missing. County total: {co"
            "mpliance} filed, {on_time_rate} on time."
        ),
    ),
    "sent_pending": ("另有{pending}份尚未到报送期限。", "{pending} more are not yet due."),
    "sent_nothing_owed": ("本期无应报月度进展。", "No monthly report was owed in the period."),
    "sent_problems": ("存在问题", "Problems"),
    "sent_problems_none": (
        "本期未发现缺报、逾期或受阻等问题。",
        "No missing report, missed milestone or blocked task in the period.",
    ),
    "sent_unit_problems": ("{unit}：{parts}。", "{unit}: {parts}."),
    "sent_missing": (
        "第{tasks}项任务缺报{months}月度进展",
        "task(s) {tasks} missing the reports for {months}",
    ),
    "sent_missed": (
        "第{task}项任务未于{due}前达到{target}",
        "task {task} did not reach {target} by {due}",
    ),
    "sent_blocked": ("第{task}项任务受阻", "task {task} blocked"),
    "sent_named": ("第{task}项任务反映：{problems}", "task {task} reports: {problems}"),
    "sent_coordination": ("协调事项", "Matters to coordinate"),
    "sent_coordinate": (
        "第{task}项任务（{text}）受阻{problems}。请{leads}牵头{with_responsible}协调解决，并于{due}前报告进展。",
        (
            "Task {task} ({text}) is blocked{problems}. {leads} to resolve it{with_responsible} a"
            "nd report by {due}."
        ),
    ),
    "sent_with_responsible": ("，会同{units}", " with {units}"),
    "sent_ranking": ("各单位报送情况", "Reporting by unit"),
    "sent_ranked": (
        "按报送率由高到低：{ranked}。",
        "By share of reports filed, highest first: {ranked}.",
    ),
    "sent_rank_item": ("{unit}{rate}", "{unit} {rate}"),
    "sent_unit_missing": ("{unit}缺报{count}份：{months}", "{unit}: {count} missing ({months})"),
    "sent_next": ("下步安排", "Next steps"),
    "sent_next_report": (
        "{due}前，各牵头单位报送{month}月度进展。",
        "By {due} every lead unit files its report for {month}.",
    ),
    "sent_next_overdue": (
        "请缺报单位于{due}前补报缺报月份的进展。",
        "Units with missing reports file them by {due}.",
    ),
    "sent_next_milestones": (
        "{due}前，第{tasks}项任务应达到{target}。",
        "By {due} task(s) {tasks} are to reach {target}.",
    ),
    "sent_next_none": (
        "按计划继续推进各项试点任务，按月报送进展。",
        "Carry on with every task and report monthly.",
    ),
    "sent_contact_preparer": ("填报人：{name}", "Prepared by: {name}"),
    "sent_contact_reviewer": ("审核人：{name}", "Reviewed by: {name}"),
    "sent_contact_phone": ("联系电话：{phone}", "Telephone: {phone}"),
    "sent_contact": ("（{parts}）", "({parts})"),
    "sent_made_from": (
        "本件依据台账 {commit} 版本{dirty}生成",
        "Made from ledger commit {commit}{dirty}",
    ),
    "sent_uncommitted": ("（含未提交的修改）", " (with uncommitted changes)"),
    "sent_no_git": (
        "本件依据未纳入版本管理的台账生成",
        "Made from a ledger not under version control",
    ),
    "sent_known_at": (
        "只计{day}及以前录入的记录",
        "counting only records entered on or before {day}",
    ),
    "sent_annex_word": ("附件", "Annex"),
    "sent_annex_progress": ("推进情况统计", "Progress in figures"),
    "sent_annex_tasks": ("试点任务推进情况表", "Progress of each task"),
    "sent_annex_narrative": ("各任务工作进展", "Work reported on each task"),
    "sent_annex_problems": ("问题及逾期事项清单", "Problems and overdue items"),
    "sent_annex_units": ("牵头单位报送情况", "Reporting by lead unit"),
    "sent_annex_next": ("下阶段节点安排", "What comes next"),
}
