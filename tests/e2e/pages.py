"""What the browser tests read from a page."""

from __future__ import annotations


def page_ranking(page) -> list[tuple[str, int, str]]:
    """The ranking table as the page shows it, read from the DOM."""
    rows = page.locator("table.shortlist-ranking tbody tr")
    return [
        (
            row.get_attribute("data-vendor"),
            int(row.locator("td.rank").inner_text()),
            row.locator("td.score").inner_text(),
        )
        for row in rows.all()
    ]
