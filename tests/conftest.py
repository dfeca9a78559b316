"""Shared fixtures: paths of the repository, the seed text and the bundled sample plan."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "fixtures" / "seed-188-KH-LMHTX.txt"  # public document, copied from the seed
SAMPLE_PLAN = ROOT / "sample_data" / "ke-hoach-188.yaml"
FIXTURES = ROOT / "tests" / "fixtures"


def norm(text: str) -> str:
    """NFC + collapsed whitespace: how Vietnamese text is compared throughout the tests."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """Non-empty lines of the seed plan, normalised."""
    return [norm(line) for line in SEED.read_text(encoding="utf-8").splitlines() if norm(line)]


@pytest.fixture(scope="session")
def plan():
    from baocao.plan.io import load_plan

    return load_plan(SAMPLE_PLAN)
