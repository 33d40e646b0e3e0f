# Backprop, Checked: build, serve and test the book from a fresh clone.
#
#   make book        install into .venv, build the website (warnings are errors), serve it
#   make test        install, then lint and run every test (unit, symbolic, widgets, notebooks,
#                    website)
#   make test-fast   lint, then the unit, symbolic, plot, experiment and widget tests and the
#                    layout test, on 2 workers: no notebooks, no website (the edit-test loop)
#   make lint        ruff check . (configured in pyproject.toml)
#
#   make html        build the website only (from the outputs committed in the notebooks)
#   make book-fresh  build after re-executing every chapter (nothing is written back)
#   make execute     re-run every chapter in place, top to bottom, saving widget state
#   make lab         JupyterLab on your own copy of the chapters (my-chapters/, git-ignored)
#   make bench       run the benchmarks (installs the extras first: make install-bench)
#   make install-bench  install the optional extras (torch, scikit-learn, pyinstrument) that
#                    the benchmarks and the cross-check tests need; CI must run it before
#                    make test, where the cross-checks fail instead of skipping
#   make screenshots photograph pages of the built site for the README (docs/img/)
#   make clean       remove build output (make distclean also removes .venv)

PYTHON ?= python3.11
VENV   ?= .venv
PORT   ?= 8000
PY     := $(VENV)/bin/python
JB     := $(VENV)/bin/jupyter-book
STAMP  := $(VENV)/.installed
BENCH_STAMP := $(VENV)/.installed-bench
CHROMIUM ?= /usr/bin/chromium
# -W: warnings are errors; -n: nitpicky references; --all: re-read every page, so that an
# unchanged page's warnings are not hidden by an incremental build.
JB_FLAGS := --all -W -n --keep-going
NOTEBOOKS = $(wildcard chapters/*.ipynb)

.PHONY: book html book-fresh serve test test-fast lint execute lab bench screenshots clean distclean \
	install chromium install-bench

install: $(STAMP)

$(PY):
	$(PYTHON) -m venv $(VENV)

# Re-installs only when requirements.txt or pyproject.toml change.
$(STAMP): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	$(PY) -m pip install --quiet -e .
	touch $@

book: html serve

html: $(STAMP)
	@start=$$(date +%s); \
	$(JB) build . $(JB_FLAGS) && \
	echo "website built from committed outputs in $$(( $$(date +%s) - start )) s: _build/html"

book-fresh: $(STAMP)
	@$(PY) -c "import yaml; c = yaml.safe_load(open('_config.yml')); \
	c['execute']['execute_notebooks'] = 'force'; yaml.safe_dump(c, open('_config.fresh.yml', 'w'))"
	@start=$$(date +%s); \
	$(JB) build . $(JB_FLAGS) --config _config.fresh.yml; status=$$?; rm -f _config.fresh.yml; \
	[ $$status -eq 0 ] && echo "website built with every chapter re-executed in $$(( $$(date +%s) - start )) s: _build/html"; \
	exit $$status

serve:
	@echo ""
	@echo "    Backprop, Checked is served at  http://localhost:$(PORT)/   (Ctrl+C stops it)"
	@echo ""
	$(PY) -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

# Debian's Chromium for the browser test: installed when we are root, otherwise say so loudly.
chromium:
	@if [ -x "$(CHROMIUM)" ]; then \
		echo "browser test: $$($(CHROMIUM) --version 2>/dev/null || echo $(CHROMIUM))"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser test"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium fonts-dejavu-core fonts-liberation >/dev/null; \
	else \
		echo ""; \
		echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
		echo "!! No Chromium at $(CHROMIUM) and no way to install it (not root / no apt-get)."; \
		echo "!! THE BROWSER TEST WILL BE SKIPPED. Install it: sudo apt-get install chromium"; \
		echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"; \
		echo ""; \
	fi

# The linter (ruff, pinned in requirements.txt, configured in pyproject.toml): make test and
# make test-fast run it first. `$(VENV)/bin/ruff check --fix .` fixes what it can (imports, noqa).
lint: $(STAMP)
	$(VENV)/bin/ruff check .

# The quick suites for the edit-test loop: everything but the notebooks and the website, on two
# workers (pytest-xdist); the symbolic tests on one of them (--dist loadgroup, tests/conftest.py:
# they share the SymPy checks' results cached in their process); without the nbval plugin, which
# no test here uses and which takes about 2 s to load in each process. FAST_TESTS lists the
# folders that exist.
FAST_TESTS = $(wildcard tests/core tests/symbolic tests/plot tests/experiments tests/widgets \
	tests/test_layout.py)
test-fast: $(STAMP) lint
	$(PY) -m pytest $(FAST_TESTS) -n 2 --dist loadgroup -q -p no:cacheprovider -p no:nbval

# One pytest run: tests/ (unit, symbolic, widget, book build, browser) and every chapter
# notebook under nbval (strict: outputs must match a fresh run). A module that fails to import
# is reported as an error without stopping the other tests.
test: $(STAMP) chromium lint
	$(PY) -m pytest tests chapters --nbval --nbval-current-env -ra -p no:cacheprovider \
		--nbval-sanitize-with tests/nbval_sanitize.cfg \
		--continue-on-collection-errors
	@[ -x "$(CHROMIUM)" ] || echo "!! REMINDER: the browser test was SKIPPED (no Chromium at $(CHROMIUM))."

execute: $(STAMP)
	@if [ -z "$(NOTEBOOKS)" ]; then echo "no notebooks in chapters/"; exit 0; fi; \
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.store_widget_state=True \
		--ExecutePreprocessor.timeout=600 \
		$(NOTEBOOKS)

# JupyterLab on the reader's own copy of the chapters: LAB_DIR (git-ignored) gets a copy of every
# chapter it does not have yet, trusted (`jupyter trust`), so that the saved widgets and the
# animations show before any cell runs; JupyterLab saves what the reader does there, with the
# widget state, and the committed chapters never change. `rm -r my-chapters` starts again from
# the book's version. Root (a container) gets --allow-root, which JupyterLab demands.
LAB_DIR ?= my-chapters
LAB_SETTINGS := $(VENV)/share/jupyter/lab/settings/overrides.json

lab: $(STAMP)
	@mkdir -p $(LAB_DIR) $(dir $(LAB_SETTINGS)); new=""; \
	for f in chapters/*; do \
		name=$${f#chapters/}; \
		[ -e "$(LAB_DIR)/$$name" ] || { cp -R "$$f" "$(LAB_DIR)/$$name"; new="$$new $$name"; }; \
	done; \
	notebooks=$$(for n in $$new; do case $$n in *.ipynb) echo "$(LAB_DIR)/$$n";; esac; done); \
	if [ -n "$$notebooks" ]; then $(VENV)/bin/jupyter trust $$notebooks >/dev/null || exit 1; fi; \
	[ -z "$$new" ] || echo "copied into $(LAB_DIR)/ (and trusted):$$new"; \
	echo '{"@jupyter-widgets/jupyterlab-manager:plugin": {"saveState": true}}' > $(LAB_SETTINGS); \
	echo ""; \
	echo "    Your copy of the chapters is $(LAB_DIR)/ (git ignores it; rm -r $(LAB_DIR) starts"; \
	echo "    again from the book's version). Ctrl+C stops JupyterLab."; \
	echo ""; \
	root=""; if [ "$$(id -u)" = 0 ]; then \
		root="--allow-root"; echo "running as root: JupyterLab is started with --allow-root"; \
	fi; \
	exec $(VENV)/bin/jupyter lab $$root --ServerApp.root_dir=$(LAB_DIR)

# The optional extras (requirements-bench.txt): re-installed only when that file or the main
# install changes.
install-bench: $(BENCH_STAMP)

$(BENCH_STAMP): requirements-bench.txt $(STAMP)
	$(PY) -m pip install --quiet -r requirements-bench.txt
	touch $@

bench: $(BENCH_STAMP)
	$(PY) bench/run.py

SCREENSHOT_PAGES ?= chapters/intro.html chapters/activations.html\#widget
screenshots: $(STAMP)
	$(PY) docs/take_screenshots.py $(SCREENSHOT_PAGES)

clean:
	rm -rf _build _config.fresh.yml .pytest_cache .hypothesis
	find . -name __pycache__ -not -path "./$(VENV)/*" -prune -exec rm -rf {} +

distclean: clean
	rm -rf $(VENV) *.egg-info
