#!/usr/bin/env bash
# Install everything, ingest the sample corpus if needed, then start the product.
. "$(dirname "$0")/_venv.sh"
install_requirements requirements.txt
python -m ingest run || [ $? -eq 1 ]   # exit 1 = some files failed; the rest is usable
if [ -f app.py ] && grep -q "st\." app.py; then
  exec streamlit run app.py "$@"
fi
python -m ingest status
