# bilancio: every target installs what it needs into .venv first.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# the versions that decide a report's bytes (fonts, PDF writer, charts): see constraints.txt
CONSTRAINTS := constraints.txt

.PHONY: install demo test test-fast fuzz lint schemas examples golden bench clean synthetic

# install: create .venv and install bilancio with the development tools
install: $(STAMP)
$(STAMP): pyproject.toml $(CONSTRAINTS)
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "serve $(PYTHON) (Python 3.11)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c $(CONSTRAINTS) -e '.[dev]'
	@touch $(STAMP)

# demo: build the reports of the bundled examples and their website into output/, and say where they are
# (Cosper's data keeps the printed brochure's arithmetic slips: check lists them and exits 1,
# build refuses it as it must, and the brochure is shown as a draft: BOZZA on every page, the
# errors on the first, never PDF/A; the site publishes the others and exits 1 for Cosper).
# The expected exit codes are checked here: any other fails the demo.
demo: install
	@echo "== bilancio check data/examples/cosper -q: la brochure stampata ha errori di aritmetica (uscita 1, attesa)"
	@$(BIN)/bilancio check data/examples/cosper -q; s=$$?; [ $$s -eq 1 ] || { echo "check: uscita $$s invece di 1"; exit 1; }
	@echo "== bilancio build: report completo e brochure (HTML e PDF/A); Cosper come bozza"
	@$(BIN)/bilancio build data/examples/cipm -q --output output
	@$(BIN)/bilancio build data/examples/cipm -q --theme sintesi --output output
	@$(BIN)/bilancio build data/examples/arcobaleno -q --theme sintesi --output output
	@$(BIN)/bilancio build data/examples/cosper -q --theme sintesi --bozza --output output
	@echo "== bilancio site data/examples: il sito di tutti gli esempi (Cosper rifiutato, uscita 1, attesa)"
	@$(BIN)/bilancio site data/examples --output output/sito --cache output/.cache > output/demo-sito.txt 2>&1; \
	  s=$$?; if [ $$s -ne 1 ]; then cat output/demo-sito.txt; echo "site: uscita $$s invece di 1"; exit 1; fi; \
	  grep -E "^non costruito" output/demo-sito.txt; echo "(resoconto completo in output/demo-sito.txt)"
	@echo "== Report in $(CURDIR)/output: $$(ls output/*.html output/*.pdf | wc -l) file HTML e PDF"
	@echo "== Sito: $(CURDIR)/output/sito/index.html"

# test: run the whole test suite (what CI runs)
test: install
	$(BIN)/python -m pytest

# test-fast: the edit-test loop, without the slow tests (PDF printing, wheel, browsers, LibreOffice), on every core
test-fast: install
	$(BIN)/python -m pytest -m "not slow" -n auto

# fuzz: the property tests of hostile input at length (10.000 YAML examples, 1.000 workbooks; FUZZ_ESEMPI=N for N YAML)
FUZZ_ESEMPI ?= 10000
fuzz: install
	BILANCIO_FUZZ=1 BILANCIO_FUZZ_ESEMPI=$(FUZZ_ESEMPI) $(BIN)/python -m pytest tests/test_fuzz.py

# lint: ruff on sources and tests, mypy on src/ (configured in pyproject.toml)
lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

# schemas: regenerate the JSON Schemas in schemas/ from the models
schemas: install
	$(BIN)/bilancio schema --output schemas

# examples: check every bundled example
examples: install
	@for d in data/examples/*/; do $(BIN)/bilancio check $$d || true; done

# golden: regenerate the golden HTML of every example and theme, and each theme's stylesheet (tests/golden/report)
golden: install
	$(BIN)/python tests/build_golden.py

# bench: time bilancio build against WeasyPrint alone, the start-up of --help and check, and bilancio site on synthetic data (bench/RESULTS.md)
bench: install
	$(BIN)/python bench/bench.py
	$(BIN)/python bench/avvio.py
	$(BIN)/python bench/sito.py

clean:
	rm -rf $(VENV) build dist .pytest_cache

# synthetic: generate N synthetic cooperatives into build/sintetici (N=20 by default)
N ?= 20
synthetic: install
	$(BIN)/python tools/sintetici.py build/sintetici $(N)
