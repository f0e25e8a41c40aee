"""Shared fixtures: the repository root, the shipped case, and tiny cases written per test."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scoring import CaseError, load_case

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

# A three-criterion case small enough to reason about by hand (tests/fixtures/demo). Line numbers
# matter to the validation tests: `quality` is on line 3, its weight on line 5, scale on line 6,
# must_have on line 7; `price` starts on line 8 and `licence` on line 13.
DEMO = FIXTURES / "demo"
CRITERIA = (DEMO / "criteria" / "case.yaml").read_text(encoding="utf-8")
ACME = (DEMO / "vendors" / "acme.yaml").read_text(encoding="utf-8")
BETA = (DEMO / "vendors" / "beta.yaml").read_text(encoding="utf-8")


PG_ENV = "SHORTLIST_TEST_PG_URL"  # a throwaway PostgreSQL database (.ci/postgres start)


def pytest_configure(config: pytest.Config) -> None:
    # Never the user's store: every test, and every app or CLI a test starts, gets a temporary one.
    folder = tempfile.mkdtemp(prefix="shortlist-test-store-")
    os.environ["SHORTLIST_DB"] = str(Path(folder) / "store.db")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store's URL: a new SQLite file, or the test PostgreSQL database emptied."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    url = os.environ.get(PG_ENV)
    if not url:
        pytest.skip(f'PostgreSQL store tests need {PG_ENV} (eval "$(.ci/postgres start)")')
    _empty_pg(url)
    yield url
    _empty_pg(url)


def _empty_pg(url: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP SCHEMA public CASCADE")
        conn.exec_driver_sql("CREATE SCHEMA public")
    engine.dispose()


@pytest.fixture(scope="session")
def shipped():
    """The shipped China AI-partner case, loaded once."""
    return load_case(ROOT / "criteria", ROOT / "vendors")


@pytest.fixture
def write_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Path]:
    """Write a small case under tmp_path (the working directory, so messages say `vendors/x`).

    `vendors` maps file names to YAML text; text may be bytes for encoding tests.
    """
    monkeypatch.chdir(tmp_path)

    def write(criteria: str | bytes | None = CRITERIA, vendors: dict | None = None) -> Path:
        (tmp_path / "criteria").mkdir(exist_ok=True)
        (tmp_path / "vendors").mkdir(exist_ok=True)
        if criteria is not None:
            _write(tmp_path / "criteria" / "case.yaml", criteria)
        for name, text in (vendors if vendors is not None else {"acme.yaml": ACME}).items():
            _write(tmp_path / "vendors" / name, text)
        return tmp_path

    return write


@pytest.fixture
def problems_of(write_case) -> Callable[..., list[str]]:
    """Write a case, load it, and return every problem as its one-line text (must fail)."""

    def problems(criteria: str | bytes | None = CRITERIA, vendors: dict | None = None) -> list[str]:
        write_case(criteria, vendors)
        with pytest.raises(CaseError) as info:
            load_case("criteria", "vendors")
        return [str(p) for p in info.value.problems]

    return problems


def _write(path: Path, text: str | bytes) -> None:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
