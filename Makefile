# One entry point for readers, students, teachers and CI. Each target installs what it needs.
SHELL := /bin/bash
.SHELLFLAGS := -eo pipefail -c
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
CHROMIUM := /usr/bin/chromium
BUILD_FLAGS := -W -n --keep-going

.DEFAULT_GOAL := help

.PHONY: help lint venv npm assets chromium java cjk-font book book-fresh book-zh locale lite test handouts lab validate bench clean student student-edition binder-check quiz-export

validate: venv
	$(PY) -m shared_future.validate

help:
	@echo "make book   build the book into _build/html (runs every notebook)"
	@echo "make lite   build the JupyterLite site (every chapter in the reader's browser) into _build/html/lite"
	@echo "make book-zh  build the Chinese edition into _build/html/zh (after make book; runs every notebook in Chinese)"
	@echo "make locale  bring the English text of every page into the Chinese catalogs (locale/zh_CN/LC_MESSAGES)"
	@echo "make test   all the tests: data, notebooks, a fresh strict build, the pages in Chromium (axe-core audit), a JupyterLab session"
	@echo "make lab    open the student edition in JupyterLab (extra Jupyter options: LAB_ARGS=\"--no-browser --port 8899\")"
	@echo "make student  write the no-solutions edition of the chapters for teachers to hand out (_build/no-solutions)"
	@echo "make student-edition  rewrite student/ (the edition students open) from notebooks/"
	@echo "make binder-check  install binder/ into a fresh venv and run every chapter (needs PyPI)"
	@echo "make handouts  print every chapter and answer key of both editions to PDF (_build/handouts, Chinese in _build/handouts/zh)"
	@echo "make validate  check every data file"
	@echo "make lint  ruff (lint and format) over the Python and the chapters' code, mypy over the package, eslint over the course's JavaScript"
	@echo "make quiz-export  write the quizzes as question banks for an LMS (QTI 2.1 and Moodle XML) into _build/quiz-export"
	@echo "make bench  measure build times, notebook run times, page weights and Lighthouse scores"
	@echo "make clean  remove the build, caches and the virtual environment"

venv: $(STAMP)
$(STAMP): requirements.txt pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

# The maps' browser libraries (Leaflet, leaflet.markercluster, jQuery), pinned in package-lock.json;
# never committed.
npm: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing: install Node.js 18+ (Debian: apt-get install nodejs npm)." >&2; exit 1; }
	npm ci --no-audit --no-fund --silent
	touch $@

# The install step every student path runs (also Binder's postBuild and the Colab cell): copies
# the map files from the npm packages into shared_future/static/vendor/, where kernels and the
# book build read them.
assets: venv npm
	$(PY) -m shared_future.assets install

chromium:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "Chromium is missing: run 'sudo apt-get install chromium' (Debian) and try again." >&2; exit 1; \
	  fi; \
	fi

# Java for the HTML checker (vnu-jar, from npm) that validates every built page.
java:
	@if ! command -v java >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq default-jre-headless >/dev/null; \
	  else \
	    echo "Java is missing: run 'sudo apt-get install default-jre-headless' (Debian) and try again." >&2; exit 1; \
	  fi; \
	fi

# A font for the Chinese text, which Debian's Chromium otherwise prints as empty boxes.
cjk-font:
	@if ! fc-list :lang=zh family 2>/dev/null | grep -q .; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei >/dev/null; \
	  else \
	    echo "No Chinese font: run 'sudo apt-get install fonts-wqy-zenhei' (Debian) and try again." >&2; exit 1; \
	  fi; \
	fi

book: venv assets
	$(VENV)/bin/jupyter-book build . $(BUILD_FLAGS)

# A strict build from nothing: the execution cache cannot see data or package changes. It keeps
# _build/downloads/ (wheels and Pyodide fetched for `make lite`, each kept under its exact version).
book-fresh: venv assets
	if [ -d _build ]; then find _build -mindepth 1 -maxdepth 1 ! -name downloads -exec rm -rf {} +; fi
	$(VENV)/bin/jupyter-book build . $(BUILD_FLAGS)

# The JupyterLite site (scripts/lite.py): the student edition, the data and the course package in
# _build/html/lite/, run by Pyodide in the reader's browser; fetches pure-Python wheels from PyPI
# and Pyodide's core from npm into _build/downloads/. Builds the book first when it is missing.
lite: venv assets npm
	@test -f _build/html/index.html || $(MAKE) --no-print-directory book
	$(PY) -m scripts.lite

# The Chinese edition, from the same sources through the gettext catalogs of locale/zh_CN/
# (scripts/book_zh.py): into _build/html/zh/, with its own execution cache; warnings are errors.
book-zh: venv assets
	$(PY) -m scripts.book_zh

# After an English edit: every page's new or changed text into its catalog (changed messages
# become fuzzy), for the translators (README, "The Chinese edition").
locale: venv
	$(PY) -m scripts.book_zh locale

# Guard rails, all pinned: zero findings.
lint: venv npm
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy
	node_modules/.bin/eslint .

test: venv assets chromium java cjk-font
	$(PY) -m shared_future.validate
	$(MAKE) --no-print-directory lint
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.github-workflows .github/workflows/*.yml
	node --test tests/js/
	$(PY) -m pytest -q tests --ignore=tests/browser
	$(PY) -m pytest -q --nbmake notebooks
	$(MAKE) book-fresh
	$(MAKE) --no-print-directory book-zh
	$(MAKE) --no-print-directory lite
	$(PY) -m scripts.lite_pins
	$(PY) -m scripts.handouts
	$(PY) -m pytest -q tests/browser

# Chapters and answer keys as PDF in _build/handouts/, the Chinese edition's in _build/handouts/zh/
# (builds either edition first when it is missing)
handouts: venv assets chromium cjk-font
	$(PY) -m scripts.handouts

# Every chapter quiz as an IMS QTI 2.1 package (Canvas, Blackboard, Brightspace) and a Moodle XML file.
quiz-export: venv
	$(PY) -m shared_future.quiz export _build/quiz-export

# Build times, notebook run times, page weights, map readiness and Lighthouse: _build/bench/report.{json,md}
bench: venv assets chromium
	$(PY) -m scripts.bench

# The student edition (student/, generated from notebooks/); LAB_ARGS passes options to Jupyter.
lab: venv assets
	$(VENV)/bin/jupyter lab student/ $(LAB_ARGS)

# The chapters without solutions, for teachers to hand out (answer keys stay in the book).
student: venv
	$(PY) -m shared_future.student_edition --no-solutions _build/no-solutions

# Rewrite the committed student edition after editing a chapter in notebooks/.
student-edition: venv
	$(PY) -m shared_future.student_edition

# binder/ as repo2docker installs it, in a fresh venv, then every chapter with nbmake.
binder-check:
	scripts/binder_check.sh

clean:
	rm -rf _build $(VENV) .pytest_cache node_modules shared_future/static/vendor
