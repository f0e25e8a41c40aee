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


def visible_text(page, text: str) -> list:
    """The elements showing `text` that a user can see (get_by_text also finds hidden ones, such
    as the dropped-link warning every page carries until its script reveals it)."""
    return [x for x in page.get_by_text(text).all() if x.is_visible()]
