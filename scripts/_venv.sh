# Sourced by the other scripts: create .venv once and install a requirements file into it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
# shellcheck disable=SC1091
. .venv/bin/activate
install_requirements() {
  local req="$1" stamp=".venv/.installed-$(basename "$1")"
  # Reinstall only when the requirements changed since the last install.
  if [ ! -f "$stamp" ] || ! cmp -s "$req" "$stamp"; then
    python -m pip install --quiet --disable-pip-version-check --upgrade pip
    python -m pip install --quiet --disable-pip-version-check -r "$req"
    cp "$req" "$stamp"
  fi
}
