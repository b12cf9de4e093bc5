"""Settings every test shares."""

from datetime import date

import pytest

# The day the end-of-life table and the docs' examples were last checked together. Pinned so that
# a release reaching its end of support later never turns a docs example or a test red.
TODAY = date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch):
    from pydocklint.rules.dockerfile.base_image import end_of_life

    monkeypatch.setattr(end_of_life, "today", lambda: TODAY)
