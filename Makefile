# The two commands a newcomer needs: `make demo` and `make test`. Both install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	PTB_TIMEDELTA=true $(BIN)/vigie demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy bot handlers storage

test: lint
	PTB_TIMEDELTA=true $(BIN)/pytest -W error

bench: $(STAMP)
	$(BIN)/python benchmarks/poll.py
	$(BIN)/python benchmarks/latency.py
	$(BIN)/python benchmarks/dedup.py
	$(BIN)/python benchmarks/calibrate_dedup.py
	$(BIN)/python benchmarks/crosslang.py
	$(BIN)/python benchmarks/match.py
	$(BIN)/python benchmarks/trend.py
	$(BIN)/python benchmarks/split.py
	PTB_TIMEDELTA=true $(BIN)/python benchmarks/fanout.py
	PTB_TIMEDELTA=true $(BIN)/python benchmarks/fanout_limiter.py
	$(BIN)/python benchmarks/fuzz_feeds.py --seconds 60

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
