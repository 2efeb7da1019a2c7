# One entry point for readers, students, teachers and CI. Each target installs what it needs.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
BUILD_FLAGS := -W -n --keep-going

.PHONY: help venv chromium book book-fresh test lab validate bench clean

validate: venv
	$(PY) -m shared_future.validate

help:
	@echo "make book   build the book into _build/html (runs every notebook)"
	@echo "make test   all the tests: data, notebooks, a fresh strict build, the pages in Chromium"
	@echo "make lab    open the course in JupyterLab"
	@echo "make validate  check every data file"
	@echo "make bench  measure build times, notebook run times and page weights"
	@echo "make clean  remove the build, caches and the virtual environment"

venv: $(STAMP)
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian) and try again." >&2; exit 1; \
	  fi; \
	fi

book: venv
	$(VENV)/bin/jupyter-book build . $(BUILD_FLAGS)

# A strict build from nothing: the execution cache cannot see data or package changes.
book-fresh: venv
	rm -rf _build
	$(VENV)/bin/jupyter-book build . $(BUILD_FLAGS)

test: venv chromium
	$(PY) -m shared_future.validate
	$(PY) -m pytest -q tests --ignore=tests/browser
	$(PY) -m pytest -q --nbmake notebooks
	$(MAKE) book-fresh
	$(PY) -m pytest -q tests/browser

# Build times, notebook run times, page weights and map readiness: _build/bench/report.{json,md}
bench: venv chromium
	$(PY) scripts/bench.py

lab: venv
	$(VENV)/bin/jupyter lab notebooks/

clean:
	rm -rf _build $(VENV) .pytest_cache
