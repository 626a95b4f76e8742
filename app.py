"""Streamlit entry point: the staff chat, library and curation pages arrive with their issue."""
