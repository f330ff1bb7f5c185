# kuanalys — Kommunal utvecklings tertialrapport. `make` lists the targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Exact versions of every package (with the test extra), made by `make lock` from pyproject.toml;
# pyproject.toml keeps only floors, for people who install kuanalys as a library.
LOCK := requirements/lock.txt

$(STAMP): pyproject.toml $(LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r $(LOCK)
	$(BIN)/python -m pip install -q -e . --no-deps
	$(BIN)/python -m ipykernel install --sys-prefix --name kuanalys --display-name "kuanalys (Python 3)" > /dev/null
	touch $(STAMP)

.PHONY: help venv lock report check test bench lab sample clean

help: ## Visa målen
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

venv: $(STAMP) ## Skapa .venv och installera projektet (exakta versioner från requirements/lock.txt)

lock: ## Lås om beroendena: requirements/lock.txt från pyproject.toml (uv pip compile, PyPI)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q uv
	$(BIN)/uv pip compile pyproject.toml --extra test --python-version 3.11 -o $(LOCK)

report: $(STAMP) ## Validera exempeldata och ta fram senaste tertialrapporten i reports/
	$(BIN)/kuanalys report --data data/raw --out reports

check: $(STAMP) ## Snabb testslinga (cirka 1 minut): enhets-, inläsnings-, modell- och renderartester, inga rapportkörningar
	$(BIN)/ruff check kuanalys tests bench notebooks
	$(BIN)/ruff format --check kuanalys tests bench notebooks
	$(BIN)/python -m pytest -q -m "not slow" -n 2 --dist loadfile

test: $(STAMP) ## Kör hela testsviten parallellt (ruff först; en rapportkörning per rapportslag)
	$(BIN)/ruff check kuanalys tests bench notebooks
	$(BIN)/ruff format --check kuanalys tests bench notebooks
	$(BIN)/python -m pytest -q -n 2 --dist loadfile --durations=15

bench: $(STAMP) ## Prestandamätning sida vid sida med standardverktygen (under 20 min); skriver bench/RESULTS.md
	$(BIN)/python bench/run.py

lab: $(STAMP) ## Starta JupyterLab på notebooks/ med projektets kärna
	$(BIN)/jupyter lab --notebook-dir=notebooks

sample: $(STAMP) ## Bygg om exempeldata i data/raw (fast frö)
	$(BIN)/kuanalys sample --out data/raw

clean: ## Ta bort genererade filer (inte data/raw)
	rm -rf reports data/processed/*.parquet .pytest_cache
