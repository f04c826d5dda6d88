"""pilotledger: the progress ledger (台账) of a reform pilot, kept as YAML files in git."""

__version__ = "0.1.0"
