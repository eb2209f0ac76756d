# Pickwise: `make run` serves the site, `make test` runs every check. Both set up .venv first.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Two pytest workers: each gets its own test database; set PYTEST_WORKERS= to run in one process.
PYTEST_WORKERS ?= -n 2
export DJANGO_SETTINGS_MODULE := config.settings

.PHONY: run serve test lint format bench faults samples bench-frameworks browsers clean

$(STAMP): requirements.txt requirements-dev.txt
	@interpreter=$$(scripts/find-python) || exit 1; \
	 echo "Using $$interpreter"; \
	 [ -x $(PY) ] || $$interpreter -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(STAMP)

run: $(STAMP)
	DEBUG=1 $(PY) manage.py migrate --no-input
	DEBUG=1 $(PY) manage.py load_catalog
	@echo "Pickwise is at http://127.0.0.1:8000/ (admin: run 'DEBUG=1 $(PY) manage.py createsuperuser')"
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

browsers:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null; \
	  else echo "Browser tests need Chromium: apt-get install chromium chromium-driver" >&2; exit 1; fi; }

test: $(STAMP) lint browsers
	DEBUG=1 $(PY) manage.py makemigrations --check --dry-run
	DEBUG=1 $(PY) manage.py check_catalog
	DJANGO_SETTINGS_MODULE=config.settings_test $(PY) -m pytest $(PYTEST_WORKERS) $(PYTEST_ARGS)

bench: $(STAMP)
	$(PY) bench/run.py

# Every code sample in its own cached venv, started on loopback and checked; writes samples/results.json.
samples: $(STAMP)
	$(PY) samples/run.py --python $(PY)

# Side-by-side throughput of every sample (after its check passes); not in CI. Writes samples/bench-results.json.
bench-frameworks: $(STAMP)
	$(PY) samples/bench.py

# Production: collectstatic, migrate, gunicorn (deploy/gunicorn.conf.py); put deploy/nginx.conf in front.
serve: $(STAMP)
	scripts/serve

# Fault drill on loopback: nginx + two app servers + PostgreSQL + Redis; prints what failed and for how long.
faults: $(STAMP)
	$(PY) bench/faults.py

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache .hypothesis
