"""What each command does when it runs: one module per command (record's is cli/recordflow.py),
imported by the command's function in cli/<group>.py when it is invoked, so that `--help` and
every other command load none of it. Each imports what it uses at its top."""
