"""Knowledge base: settings, embeddings, store, retrieval and answers."""
