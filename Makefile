# The .venv stamp is the install: it is rebuilt whenever pyproject.toml changes.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test bench clean

install: $(STAMP)

$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "make: $(PYTHON) not found; run 'make PYTHON=/path/to/python3.11'" >&2; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/newsbrief brief examples/sava-flood -o brief.html
	@echo "Open brief.html in a browser (it works offline)."
	@echo "Or follow the story in the web app (stories, every brief, uploads, REST API at /docs):"
	@echo "  $(BIN)/newsbrief serve --load examples/sava-flood    # then open http://127.0.0.1:8000/"

test: $(STAMP)
	$(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/speed.py

clean:
	rm -rf $(VENV) brief.html build src/*.egg-info .pytest_cache
