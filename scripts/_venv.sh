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
# OCR of scanned PDF pages: Debian's tesseract-ocr with the EU languages' data, and
# poppler-utils (pdftoppm). Without them ingestion still runs and reports scanned pages
# as "no text layer, needs OCR".
OCR_PACKAGES="tesseract-ocr poppler-utils tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-fra
  tesseract-ocr-swe tesseract-ocr-spa tesseract-ocr-ita tesseract-ocr-por tesseract-ocr-nld
  tesseract-ocr-pol tesseract-ocr-fin tesseract-ocr-dan tesseract-ocr-ces tesseract-ocr-ell
  tesseract-ocr-hun tesseract-ocr-slk tesseract-ocr-slv tesseract-ocr-hrv tesseract-ocr-ron
  tesseract-ocr-bul tesseract-ocr-est tesseract-ocr-lav tesseract-ocr-lit"
install_ocr() {
  if command -v tesseract >/dev/null && command -v pdftoppm >/dev/null; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian tesseract-ocr (EU languages) and poppler-utils for OCR..."
    local apt_log
    apt_log="$(mktemp)"
    # shellcheck disable=SC2086
    if ! { DEBIAN_FRONTEND=noninteractive apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $OCR_PACKAGES; } \
        >"$apt_log" 2>&1; then
      tail -n 20 "$apt_log" >&2
      echo "warning: could not install tesseract-ocr/poppler-utils: scanned PDF pages" \
        "will be reported as 'no text layer, needs OCR'" >&2
    fi
    rm -f "$apt_log"
  else
    echo "warning: tesseract-ocr and poppler-utils are missing (need root and apt-get):" \
      "scanned PDF pages will be reported as 'no text layer, needs OCR'" >&2
  fi
}
