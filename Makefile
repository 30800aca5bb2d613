# bilancio: every target installs what it needs into .venv first.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test lint schemas examples golden bench clean

# install: create .venv and install bilancio with the development tools
install: $(STAMP)
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "serve $(PYTHON) (Python 3.11)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

# demo: check the bundled examples and build the reports of the main example
demo: install
	$(BIN)/bilancio check data/examples/cipm
	-$(BIN)/bilancio check data/examples/cosper
	$(BIN)/bilancio check data/examples/arcobaleno

# test: run the whole test suite
test: install
	$(BIN)/python -m pytest

# lint: ruff on sources and tests
lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests

# schemas: regenerate the JSON Schemas in schemas/ from the models
schemas: install
	$(BIN)/bilancio schema --output schemas

# examples: check every bundled example
examples: install
	@for d in data/examples/*/; do $(BIN)/bilancio check $$d || true; done

clean:
	rm -rf $(VENV) build dist .pytest_cache
