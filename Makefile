# The two commands of the README: `make demo` and `make test`.
# Both create .venv (Python 3.11+) and install the project into it when needed.
PYTHON ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: demo test test-unit test-integration test-faults prereqs clean

$(STAMP): pyproject.toml
	@$(MAKE) --no-print-directory prereqs
	test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --disable-pip-version-check -q --upgrade pip
	$(VENV)/bin/pip install --disable-pip-version-check -q -e '.[dev]'
	touch $(STAMP)

# Java 17 and Maven run the real Kafka broker, Debian's Alertmanager receives the pages,
# Debian's Prometheus brings promtool (rule checks and tests), kcat runs the README's Kafka example;
# install them when missing.
APT_PACKAGES := openjdk-17-jre-headless maven prometheus-alertmanager prometheus kcat
prereqs:
	@command -v java >/dev/null && command -v mvn >/dev/null && command -v prometheus-alertmanager >/dev/null && command -v promtool >/dev/null && command -v kcat >/dev/null || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q $(APT_PACKAGES); \
	  else echo "needed: sudo apt-get install $(APT_PACKAGES)"; exit 1; fi; }

demo: $(STAMP)
	$(VENV)/bin/cxpulse demo

test: $(STAMP)
	$(VENV)/bin/python -m pytest

test-unit: $(STAMP)
	$(VENV)/bin/python -m pytest -m "not integration"

test-integration: $(STAMP)
	$(VENV)/bin/python -m pytest -m integration

test-faults: $(STAMP)
	$(VENV)/bin/python -m pytest -m faults tests/integration

clean:
	rm -rf $(VENV) .cxpulse .pytest_cache
