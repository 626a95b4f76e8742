import numpy as np

from kb.index.factory import build_knowledge_base
from kb.index.lexical import LEXICAL_VERSION, LexicalIndex, build_lexical_index


def _index() -> LexicalIndex:
    docs = {
        "at": ("Chancenkompass in Styria", "Arbeitsmarktservice (AMS)", "The AMS pilot in 2023."),
        "es1": ("Rutas", "Servicio de Empleo de la Sierra", "El PES lanzó Rutas en 2023."),
        "es2": ("Primer Paso", "Servicio de Empleo de Valdeluna", "El PES y el FSE en 2023."),
        "fr": ("Cap Profil", "Le Forem", "Le PES wallon Forem a lancé Cap Profil."),
    }
    ids, texts, metadatas = [], [], []
    for doc_id, (title, organisation, text) in docs.items():
        ids.append(f"{doc_id}-0")
        texts.append(text)
        metadatas.append({"doc_id": doc_id, "title": title, "organisation": organisation})
    return LexicalIndex.build(ids, texts, metadatas, "000001")


def test_documents_are_named_by_their_title_or_organisation_not_by_shared_words():
    index = _index()
    assert index.documents_named({"ams"}, max_share=0.25) == {"at"}
    assert index.documents_named({"chancenkompass", "forem"}, max_share=0.25) == {"at", "fr"}
    assert index.documents_named({"servicio"}, max_share=0.25) == set()  # two of four
    assert index.documents_named({"servicio"}, max_share=0.5) == {"es1", "es2"}
    assert index.documents_named({"unknown"}) == set()


def test_common_anchors_and_mentions():
    index = _index()
    assert {"pes", "2023"} <= index.common_anchors  # in every document's text
    assert "ams" not in index.common_anchors
    assert index.mentions("ams") and index.mentions("forem") and index.mentions("fse")
    assert not index.mentions("alma")


def test_an_index_built_by_older_code_is_rebuilt_when_opened(kb, corpus):
    from ingest.pipeline import run_ingest

    (corpus / "a.md").write_text("# Mentoring\n\nThe AMS pairs jobseekers with mentors.\n")
    assert run_ingest(kb, corpus).exit_code == 0
    stored = kb.snapshot().lexical
    assert stored.version == LEXICAL_VERSION and stored.mentions("ams")

    old = LexicalIndex(stored.generation, stored.ids, stored.texts, stored.metadatas)
    assert old.version == 0 and not old.names
    reader = build_knowledge_base(kb.settings)
    reader.generations.load_lexical = lambda generation: old
    rebuilt = reader.snapshot().lexical
    assert rebuilt is not old and rebuilt.version == LEXICAL_VERSION
    assert rebuilt.names and rebuilt.mentions("ams")


def test_an_index_pickled_under_the_old_module_path_still_opens():
    """Indexes written before kb/lexical.py moved to kb/index/ name ``kb.index.lexical``."""
    import pickle

    from kb.index.lexical_delta import unpickle as _unpickle

    index = _index()
    data = pickle.dumps(index, protocol=0)
    assert b"kb.index.lexical" in data
    old = data.replace(b"ckb.index.lexical\n", b"ckb.lexical\n")
    assert old != data
    loaded = _unpickle(old)
    assert isinstance(loaded, LexicalIndex)
    assert loaded.documents_named({"forem"}, max_share=0.25) == {"fr"}


def _same_index(a: LexicalIndex, b: LexicalIndex, queries: list[list[str]]) -> None:
    """Equal as a retriever sees them: per chunk id, texts, metadata, BM25 scores of both
    fields (to the bit), exact-search vectors (to a float32 rounding); and the same names
    and common anchors."""
    assert sorted(a.ids) == sorted(b.ids)
    pos_a = {i: n for n, i in enumerate(a.ids)}
    pos_b = {i: n for n, i in enumerate(b.ids)}
    for chunk_id in a.ids:
        assert a.texts[pos_a[chunk_id]] == b.texts[pos_b[chunk_id]]
        assert a.metadatas[pos_a[chunk_id]] == b.metadatas[pos_b[chunk_id]]
    order = [pos_b[i] for i in a.ids]
    for field in ("terms_bm25", "anchors_bm25"):
        for tokens in queries:
            got = getattr(a, field).get_scores(tokens)
            want = getattr(b, field).get_scores(tokens)[order]
            assert np.array_equal(got, want), (field, tokens)
    assert a.names == b.names and a.common_anchors == b.common_anchors
    assert a.n_documents == b.n_documents
    # Vectors read back through Chroma's HTTP API may differ from the stored floats in the
    # last bit of a float32: equal up to that.
    assert np.allclose(a.vectors.in_order(), b.vectors.in_order()[order], rtol=1e-6, atol=1e-7)


def test_the_index_updated_for_changed_documents_equals_a_full_rebuild(kb, corpus, monkeypatch):
    import kb.index.factory as factory
    from ingest.pipeline import run_ingest
    from kb.index.calibration import calibrate
    from kb.index.lexical_delta import LexicalDelta

    docs = {
        "at.md": "# AMS mentoring\n\nThe AMS pairs jobseekers with mentors in 2023.\n\n"
        "## Results\n\nMentors met jobseekers every week; the PES counted placements.\n",
        "de.md": "# Jobcenter Coaching\n\nDas Jobcenter bietet Coaching für Langzeitarbeitslose.\n",
        "fr.md": "# Cap Profil\n\nLe Forem accompagne les demandeurs d'emploi en 2023.\n",
        "es.md": "# Rutas\n\nEl PES lanzó Rutas para jóvenes en 2023.\n",
    }
    for name, text in docs.items():
        (corpus / name).write_text(text)
    assert run_ingest(kb, corpus).exit_code == 0
    first = kb.snapshot().lexical
    # an edit, a removal and an addition in one run
    (corpus / "at.md").write_text(docs["at.md"].replace("every week", "each month, VDAB too"))
    (corpus / "fr.md").unlink()
    (corpus / "nl.md").write_text("# Werkcoach\n\nDe VDAB begeleidt werkzoekenden sinds 2021.\n")
    updates = []
    real_next = LexicalDelta.next

    def spy(delta, store, touched):
        updates.append(set(touched))
        return real_next(delta, store, touched)

    # a small write stores a delta (kb.index.lexical_delta), read with the full index
    monkeypatch.setattr(LexicalDelta, "next", spy)
    monkeypatch.setattr(factory, "update_lexical_index", None)  # no full index rewritten
    assert run_ingest(kb, corpus).exit_code == 0
    assert updates == [{"at", "fr", "nl"}]  # only the changed documents were read
    kb._full = None  # a reader in another process: the full index from its file
    snap = kb.snapshot()
    updated = snap.lexical
    assert updated.generation != first.generation
    rebuilt = build_lexical_index(snap.store, snap.generation)
    assert {m["doc_id"] for m in updated.metadatas} == {"at", "de", "es", "nl"}
    queries = [["mentor"], ["vdab", "2023"], ["jobcenter", "coach"], ["forem"], ["pes", "rutas"]]
    queries += [sorted(set(t)) for t in (rebuilt.texts[0].lower().split(),)]
    _same_index(updated, rebuilt, queries)
    assert not updated.mentions("forem") and updated.mentions("vdab")
    # the calibration is measured on the new generation's chunks, as for a rebuild
    fresh = calibrate(snap.store, kb.embedder.embed_query, kb.embedder_info.name)
    assert np.array_equal(updated.calibration.null, fresh.null)


def test_updating_without_changes_keeps_everything():
    index = _index()
    index.vectors = None
    same = index.updated(set(), [], [], [], "000002")
    _same_index_no_vectors = same.ids == index.ids and same.names == index.names
    assert _same_index_no_vectors and same.common_anchors == index.common_anchors
    removed = index.updated({"fr"}, [], [], [], "000003")
    assert "fr-0" not in removed.ids and not removed.mentions("forem")
    assert removed.mentions("ams") and removed.n_documents == 3


def test_bm25_counts_pickle_as_flat_arrays_and_old_pickles_still_load():
    import pickle

    index = _index()
    model = index.terms_bm25
    assert model is not None
    queries = [["pes"], ["rutas", "2023"], ["forem", "cap", "profil"]]
    loaded = pickle.loads(pickle.dumps(model))
    assert loaded.vocab == model.vocab and loaded.lengths == model.lengths
    for tokens in queries:
        assert np.array_equal(loaded.get_scores(tokens), model.get_scores(tokens))
    # state written row by row by earlier code
    old = object.__new__(type(model))
    old.__setstate__({**model.__dict__, "_derived": None})
    for tokens in queries:
        assert np.array_equal(old.get_scores(tokens), model.get_scores(tokens))
    empty = pickle.loads(pickle.dumps(type(model)()))
    assert len(empty) == 0 and not empty.get_scores(["pes"]).any()
