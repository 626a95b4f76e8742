#!/usr/bin/env bash
# Install everything, ingest the corpus (only what changed), then start the app.
. "$(dirname "$0")/_venv.sh"
install_requirements requirements.txt
install_ocr
python -m ingest run || [ $? -eq 1 ]   # exit 1 = some files failed; the rest is usable
# Sources open through the app's source page, never as static files: remove the
# static -> corpus link that earlier versions made (it served HTML documents in the app's origin).
if [ -L static ]; then
  rm -f static
fi
exec streamlit run app.py "$@"
