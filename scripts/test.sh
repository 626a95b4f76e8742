#!/usr/bin/env bash
# Install everything the tests need, then run the whole suite and the linter.
. "$(dirname "$0")/_venv.sh"
install_requirements requirements-dev.txt
ruff check .
python -m pytest "$@"
