from kb.index.factory import build_knowledge_base
from kb.index.lexical import LEXICAL_VERSION, LexicalIndex


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
    """Indexes written before kb/lexical.py moved to kb/index/ name ``kb.lexical``."""
    import pickle

    from kb.index.generations import _unpickle

    index = _index()
    data = pickle.dumps(index, protocol=0)
    assert b"kb.index.lexical" in data
    old = data.replace(b"ckb.index.lexical\n", b"ckb.lexical\n")
    assert old != data
    loaded = _unpickle(old)
    assert isinstance(loaded, LexicalIndex)
    assert loaded.documents_named({"forem"}, max_share=0.25) == {"fr"}
