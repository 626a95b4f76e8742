"""Ingestion: load, clean and chunk corpus documents into the knowledge base."""
