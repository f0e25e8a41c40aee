"""The Vendor detail tab lists the evidence to refresh, with the age limit as a control."""

from __future__ import annotations


def refresh_table(at):
    tables = [d.value for d in at.dataframe if "Why" in d.value.columns]
    return tables[0] if tables else None


def test_the_evidence_to_refresh_follows_the_age_limit(shipped, run_app):
    at = run_app({"tab": "Vendor detail"})
    limit = at.number_input(key="_stale_months")
    assert limit.value == 18
    before = refresh_table(at)
    limit.set_value(1).run()  # a month: nearly every dated source is older
    assert not at.exception
    after = refresh_table(at)
    assert after is not None and len(after) >= (0 if before is None else len(before))
    assert "newest source older than the limit" in set(after["Why"])
    limit.set_value(600).run()  # fifty years: only unsourced or undated scores remain
    rest = refresh_table(at)
    assert rest is None or "newest source older than the limit" not in set(rest["Why"])
