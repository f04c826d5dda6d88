"""What the tests share besides fixtures (those stay in tests/conftest.py): the CLI runner, ledgers
on disk, git, the office documents, the headless browser and the concurrent record workers."""
