"""Shared fixtures for the Python tests: where the project is, and where test output goes."""
import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "target" / "test-output"


@pytest.fixture(scope="session")
def root() -> pathlib.Path:
    return ROOT


@pytest.fixture(scope="session")
def out_dir() -> pathlib.Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")
