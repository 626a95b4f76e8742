"""Retrieval and answer evaluation against a question set with known supporting passages.

    python -m kb eval corpus/eval/questions.jsonl [--split dev] [--shared DIR] [--json]
    python -m kb check corpus/eval/*.jsonl            # every locator resolves

Modules: ``questions`` (the file format, splits, cross-lingual flags), ``locators``
(excerpts of documents kept outside the repository), ``hits`` (the hit rule),
``metrics``, ``runner`` (``run_eval``), ``render`` and ``cli`` (what the commands
call). The names below are the public interface; import them from ``kb.eval``.
"""

from kb.eval.cli import check, prepare_questions
from kb.eval.hits import (
    first_hit,
    first_hit_rank,
    lcs_length,
    page_matches,
    passage_hits,
    words,
)
from kb.eval.locators import (
    LocatorError,
    default_shared_dir,
    excerpt_hash,
    locator_failures,
    resolve_locator,
    resolve_questions,
)
from kb.eval.metrics import (
    GROUPS,
    MRR_CUTOFF,
    RANK_CUTOFFS,
    AskResult,
    CitationMetrics,
    GroupMetrics,
    QuestionResult,
    citation_counts,
    group_metrics,
    percentile,
)
from kb.eval.questions import (
    SPLITS,
    EvalError,
    EvalQuestion,
    Locator,
    QuestionFileError,
    SupportingPassage,
    derive_cross_lingual,
    index_languages,
    load_questions,
    select_split,
)
from kb.eval.render import render_eval
from kb.eval.runner import (
    DEFAULT_MODES,
    MAIN_MODE,
    EvalReport,
    mode_metrics,
    question_groups,
    run_eval,
    score_ranking,
)

__all__ = [
    "DEFAULT_MODES", "GROUPS", "MAIN_MODE", "MRR_CUTOFF", "RANK_CUTOFFS", "SPLITS",
    "AskResult", "CitationMetrics", "EvalError", "EvalQuestion", "EvalReport", "GroupMetrics",
    "Locator", "LocatorError", "QuestionFileError", "QuestionResult", "SupportingPassage",
    "check", "citation_counts", "default_shared_dir", "derive_cross_lingual", "excerpt_hash",
    "first_hit", "first_hit_rank", "group_metrics", "index_languages", "lcs_length",
    "load_questions", "locator_failures", "mode_metrics", "page_matches",
    "passage_hits", "percentile", "prepare_questions", "question_groups", "render_eval",
    "resolve_locator", "resolve_questions", "run_eval", "score_ranking", "select_split",
    "words",
]  # fmt: skip
