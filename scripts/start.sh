#!/usr/bin/env bash
# Install everything, ingest the corpus (only what changed), then start the app.
. "$(dirname "$0")/_venv.sh"
install_requirements requirements.txt
install_ocr
python -m ingest run || [ $? -eq 1 ]   # exit 1 = some files failed; the rest is usable
# Streamlit serves ./static at /app/static: point it at the corpus so sources open in place.
corpus="$(python -c 'from kb.settings import load_settings; print(load_settings().ingest.corpus_dir)')"
if [ -L static ] || [ ! -e static ]; then
  ln -sfn "$corpus" static
fi
exec streamlit run app.py "$@"
