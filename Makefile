# gongkai quick start. `make run` serves the demo; `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test lint install demo clean screenshots

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall only when the pins change.
$(VENV)/.installed: pyproject.toml constraints.txt | $(BIN)/python
	$(BIN)/pip install -q -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed

run: install
	GONGKAI_DEBUG=true $(BIN)/python manage.py migrate --noinput -v 0
	GONGKAI_DEBUG=true $(BIN)/python manage.py load_demo
	@echo "打开 http://127.0.0.1:8000/ ，用上面的演示账号登录。按 Ctrl+C 停止。"
	@# The queue's worker runs beside the web server and stops with it.
	GONGKAI_DEBUG=true $(BIN)/python manage.py run_huey --quiet & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	GONGKAI_DEBUG=true $(BIN)/python manage.py runserver 127.0.0.1:8000

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	GONGKAI_DEBUG=true $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/lint-imports --no-cache
	$(BIN)/mypy

# Pictures of the main pages at desktop and phone size, into docs/screenshots/ (needs Chromium).
screenshots: install
	$(BIN)/python docs/screenshots/take.py

clean:
	rm -rf $(VENV) var
