"""The units' side of the monthly cycle: a fill-in workbook per unit (`form`) and the returned
workbooks read back into records (`intake`), with exactly the rules of `record`.

layout.py is what writer and reader share (columns, the binding sheet, the plan's identity);
content.py what one unit's form holds (pure); write.py and read.py the only openpyxl users
here; intake.py the rows of returned forms as record drafts, problems placed at their cells.
Nothing here touches the ledger's files: the CLI reads and writes them through the store.
"""
