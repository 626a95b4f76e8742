"""The bottom layer, used by ``ingest`` and every ``kb`` package: settings, offline
model files, language detection, text helpers, the shared types and vocabularies."""
