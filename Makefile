# Chronicle — the two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
PORT ?= 8000
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: run test e2e bench clean setup setup-dev

# A stamp per requirements file: reinstall only when it changes.
$(VENV)/.created:
	@$(PYTHON) -c 'import sys; sys.exit("Chronicle needs Python >= 3.11, found " + sys.version.split()[0]) if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	@touch $@

$(VENV)/.runtime: requirements.txt $(VENV)/.created
	$(PIP) install --quiet -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt $(VENV)/.runtime
	$(PIP) install --quiet -r requirements-dev.txt
	@touch $@

setup: $(VENV)/.runtime
setup-dev: $(VENV)/.dev

run: setup
	@mkdir -p var
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	$(PY) manage.py load_store_demo
	$(PY) manage.py ensure_admin
	PORT=$(PORT) PY=$(PY) ./bin/serve-dev

test: setup-dev
	$(PY) -m pytest $(PYTEST_ARGS)

e2e: setup-dev
	$(PY) -m pytest tests/e2e $(PYTEST_ARGS)

bench: setup-dev
	$(PY) -m bench

clean:
	rm -rf var/test.sqlite3* var/test-media var/test-static .pytest_cache
