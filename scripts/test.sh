#!/usr/bin/env bash
# Install everything the tests need, then run the whole suite and the linter.
# `bash scripts/test.sh --llm` runs only the opt-in language-model job instead
# (scripts/test-llm.sh: a real llama.cpp server; not part of the default suite or CI).
if [ "${1:-}" = "--llm" ]; then
  shift
  exec bash "$(dirname "$0")/test-llm.sh" "$@"
fi
. "$(dirname "$0")/_venv.sh"
install_requirements requirements-dev.txt
install_ocr
# The browser tests (tests/e2e) drive Debian's Chromium through Playwright; they are
# skipped only when it is missing and cannot be installed here. Never `playwright install`.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian chromium and chromium-driver for the browser tests..."
    apt_log="$(mktemp)"
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } \
        >"$apt_log" 2>&1; then
      tail -n 20 "$apt_log" >&2
      echo "warning: could not install chromium: the browser tests will be skipped" >&2
    fi
    rm -f "$apt_log"
  else
    echo "warning: /usr/bin/chromium is missing (needs root and apt-get to install):" \
      "the browser tests will be skipped" >&2
  fi
fi
ruff check .
# tests/llm need a language-model server: they run in the --llm job only.
python -m pytest --ignore=tests/llm "$@"
# The same suite against a real Chroma server (each test's index is its own collection).
echo "Running the suite again against a Chroma server (chroma run on a loopback port)..."
PESKB_TEST_STORE=server python -m pytest --ignore=tests/llm "$@"
