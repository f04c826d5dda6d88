"""Period reports (月度调度, 季度提示, 半年检查, 年底对账): the plain data (data.py), computed
by build_report (figures.py), worded as tables (tables.py) and put together as one Document
(document.py). report_letter.py makes the same report an office's 报告 or 通报."""
