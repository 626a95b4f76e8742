"""Streamlit pages: thin shells over kb/ and ingest/."""
