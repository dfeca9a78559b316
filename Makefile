# Two commands do everything on a fresh machine (Python >= 3.11):
#   make demo   — create .venv, install baocao, write every document of the bundled sample into out/
#   make test   — create .venv, install baocao with test tools, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
OUT    ?= out
BIN     = $(VENV)/bin

.PHONY: demo test bench notebooks clean

$(BIN)/.installed: pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,notebooks,generate]'
	touch $@

demo: $(BIN)/.installed
	$(BIN)/baocao demo --out $(OUT) --overwrite

test: $(BIN)/.installed
	$(BIN)/python -m pytest

bench: $(BIN)/.installed
	for f in benchmarks/bench_*.py; do $(BIN)/python $$f || exit 1; done

notebooks: $(BIN)/.installed
	$(BIN)/jupyter lab notebooks/

clean:
	rm -rf $(OUT) build dist src/*.egg-info
