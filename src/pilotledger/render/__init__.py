"""Turning Documents into text, files and terminal output. The one place formats live."""

TEXT_FORMATS = ("table", "plain", "markdown", "csv", "json")
FILE_FORMATS = ("html", "xlsx", "docx")
BINARY_FORMATS = ("xlsx", "docx")  # written only to a file (--output)
