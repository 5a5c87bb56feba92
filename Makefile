# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip
# torch is pinned in the same command as everything else: an unpinned torch pulls a multi-GB CUDA build.
TORCH  := torch==2.13.0

.PHONY: demo test test-fast install install-test quality bench clean

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	$(PIP) install -q $(TORCH) -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(PIP) install -q $(TORCH) -c constraints.txt -e ".[test]"
	touch $@

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test
	@# the report's browser tests print and screenshot report.html in headless Chromium (Debian package)
	@command -v chromium >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium) || true

demo: install
	$(VENV)/bin/nps-text report data/sample/survey.csv --out reports/sample

test: install-test
	$(PY) -m pytest -q

# the inner loop: everything but the tests marked slow (real model end to end, notebook, wheel, browser)
test-fast: install-test
	$(PY) -m pytest -q -m "not slow"

quality: install-test
	$(PY) benchmarks/quality.py

bench: install
	$(PY) benchmarks/speed.py

clean:
	rm -rf $(VENV) reports/sample .pytest_cache
