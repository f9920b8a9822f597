"""Shared fixtures: where ../shared is, and skipping (never under CI=true) when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from newsmine.config import SHARED_DIR


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, the read-only real data; absent on a bare clone, always present in CI."""
    if not (SHARED_DIR / "README.md").exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the shared data is missing at {SHARED_DIR}")
        pytest.skip(f"../shared not found at {SHARED_DIR}: real-data test skipped")
    return SHARED_DIR
