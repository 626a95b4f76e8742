"""The index: the Chroma store, generations and the writer lock, the lexical index,
embedders, the per-index calibration and the factory that opens a knowledge base."""
