"""What each command does when it runs: one module per command (record's is cli/recordflow.py),
named by the command's declaration in cli/<group>.py and imported by the app only when the
command runs, so that `--help` and every other command load none of it. Each imports what it
uses at its top, and takes the global options and the command's parameters by name."""
