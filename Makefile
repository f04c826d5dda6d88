# Every target sets up its own virtual environment under the repo first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo lint test bench fuzz soak screenshots clean

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(PY) scripts/demo.py

# ruff: lint rules and formatting (line length 100, see pyproject.toml); changes nothing.
LINTED := src tests benchmarks scripts
lint: $(STAMP)
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)

# Python's bytecode cache, even where the environment turns it off (PYTHONDONTWRITEBYTECODE=1):
# without it each xdist worker rewrites and compiles every test module (~2 s of CPU) and every
# `python -m pilotledger` the tests start compiles the package again. The caches are git-ignored.
WITH_PYC := PYTHONDONTWRITEBYTECODE=

# Across the machine's cores (pytest-xdist; work stealing balances the few long tests best);
# the tests marked slow are left to `make soak`.
test: $(STAMP)
	$(WITH_PYC) $(PY) -m pytest -n auto --dist worksteal

# Not part of `make test`: generates ledgers of 10k, 100k and 1M records (~15 minutes; QUICK=1 skips 1M).
bench: $(STAMP)
	$(PY) -m pip install --quiet 'pyyaml>=6'
	-command -v ledger >/dev/null || (command -v apt-get >/dev/null && apt-get install -y -qq ledger >/dev/null 2>&1)
	$(PY) benchmarks/bench.py $(if $(QUICK),--quick)

# The long runs (not part of `make test`): 210 random kills, 16 × 50 concurrent
# records, 400 messy-file examples, every other test marked slow (the whole demo);
# `make fuzz`: 10,000 mutated files + 2,000 generated ones.
soak: $(STAMP)
	$(WITH_PYC) PILOTLEDGER_SOAK=1 $(PY) -m pytest tests/reliability -q -m 'slow or not slow'
	$(WITH_PYC) PILOTLEDGER_SOAK=1 $(PY) -m pytest tests -q -m slow --ignore=tests/reliability

# The README's screenshots: the site (docs/site-*.png, headless Chromium) and one page of each
# document (docs/doc-*.png, LibreOffice and Chromium); slow tests.
screenshots: $(STAMP)
	$(PY) -m pytest -q -p no:randomly tests/test_site.py tests/test_print_layout.py -m slow -k screenshots --update-golden

fuzz: $(STAMP)
	PILOTLEDGER_FUZZ=1 $(PY) -m pytest tests/reliability/test_fuzz.py tests/reliability/test_append_only.py -q

clean:
	rm -rf $(VENV) build src/*.egg-info
