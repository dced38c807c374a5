# The front door. `make demo` sets everything up and serves the site; `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin
MANAGE := $(PY) manage.py
TEST_ENV := DJANGO_SETTINGS_MODULE=config.settings.test
# The suite runs in this many processes (pytest-xdist); a class's tests stay in one process, so
# its setUpTestData (often the demo) runs once. Tests that flush the database (browser tests, a few
# TransactionTestCases: marked by tests/conftest.py) run afterwards, on their own: each process has
# its own database, so they run in parallel too, a file's tests in one process.
TEST_WORKERS ?= 2
PYTEST_SKIP := not bench and not screenshots

.PHONY: setup demo serve test lint typecheck layers migrations-check bench samples screenshots packages messages clean help

help:
	@echo "make demo   - set up everything, load the Nagaoka demo and serve http://127.0.0.1:8000/"
	@echo "make test   - lint, type check, layer contract, migrations check and the whole suite"
	@echo "make bench  - performance benchmarks beside their baselines (installs LibreOffice, nginx and wrk)"
	@echo "make samples - regenerate docs/samples/ (PNGs of pages of the demo's PDF)"
	@echo "make screenshots - regenerate docs/samples/public-*.png (the public site, desktop and phone)"
	@echo "make lint   - ruff lint and format check"

$(VENV)/.installed: pyproject.toml
	@PYTHON=$$(scripts/find-python) && echo "Using $$PYTHON" && \
	  ( [ -x $(PY) ] || $$PYTHON -m venv $(VENV) )
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	@touch $@

packages:
	@scripts/ensure-debian-packages

setup: $(VENV)/.installed packages
	$(MANAGE) migrate --noinput -v 0

demo: setup
	$(MANAGE) load_demo
	@echo ""
	@echo "管理画面: http://127.0.0.1:8000/admin/   公表サイト: http://127.0.0.1:8000/"
	$(MANAGE) runserver 127.0.0.1:8000

serve: setup
	$(MANAGE) runserver 127.0.0.1:8000

lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(VENV)/.installed
	$(BIN)/mypy

layers: $(VENV)/.installed
	$(BIN)/lint-imports

migrations-check: $(VENV)/.installed
	$(TEST_ENV) $(MANAGE) makemigrations --check --dry-run

test: $(VENV)/.installed packages lint typecheck layers migrations-check
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS) --dist loadscope -m "$(PYTEST_SKIP) and not transactional"
	$(TEST_ENV) $(BIN)/pytest -n $(TEST_WORKERS) --dist loadfile -m "$(PYTEST_SKIP) and transactional"

bench: $(VENV)/.installed packages
	@scripts/ensure-bench-packages || echo "warning: LibreOffice, nginx or wrk is missing: a benchmark has no baseline"
	$(TEST_ENV) $(BIN)/pytest tests/bench -m bench -s -q

samples: $(VENV)/.installed packages
	$(PY) scripts/render-samples

screenshots: $(VENV)/.installed packages
	$(TEST_ENV) $(BIN)/pytest tests/browser -m screenshots -q

messages:
	for po in config/locale/ja/LC_MESSAGES/*.po; do msgfmt --check -o "$${po%.po}.mo" "$$po"; done

clean:
	rm -rf $(VENV) db.sqlite3 var .pytest_cache .mypy_cache .ruff_cache
