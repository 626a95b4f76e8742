"""Fixtures of the answer-log tests (``test_feedback*.py``): a settable clock and a
feedback store in a temp dir that uses it."""

import pytest

from kb.app.feedback import FeedbackStore
from tests.kb.app.feedback_fixtures import MON_W48, Clock


@pytest.fixture
def clock():
    return Clock(MON_W48)


@pytest.fixture
def store(tmp_path, clock):
    return FeedbackStore(tmp_path / "feedback" / "log.db", salt="test-salt", clock=clock)
