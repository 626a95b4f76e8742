"""The application layer: the services the pages and the CLIs call (ask, library,
curation, feedback, sources, status). Nothing above it touches a store."""
