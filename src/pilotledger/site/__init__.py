"""The ledger as a static site: self-contained html pages with relative links, built from the
same data the commands print (status, overdue, show, report) and written only where it changed.

build.py assembles the pages (pure); overview.py, task_pages.py, unit_pages.py write their
bodies; page.py owns the frame and the escaping; output.py alone touches the output folder.
"""
