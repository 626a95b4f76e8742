"""The catalogue's controlled vocabulary when a catalogue declares none: ``ingest``
validates entries against it, the app counts coverage and knowledge gaps by it."""

from __future__ import annotations

DEFAULT_VOCABULARY: dict[str, list[str]] = {
    "topics": [
        "activation",
        "long-term-unemployment",
        "youth-guarantee",
        "profiling",
        "employer-services",
        "digital-services",
        "skills-and-training",
        "career-guidance",
        "partnerships",
        "performance-management",
        "labour-market-information",
        "outreach",
        "job-matching",
    ],
    "target_groups": [
        "young-people",
        "long-term-unemployed",
        "older-workers",
        "migrants",
        "people-with-disabilities",
        "employers",
        "women",
        "low-skilled",
        "jobseekers",
    ],
    "practice_type": ["case-study", "report", "guide", "evaluation", "policy-paper", "toolkit"],
}
