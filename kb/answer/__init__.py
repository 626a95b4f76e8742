"""Answering a question: analysis and retrieval, generators and prompts, citations."""
