"""What a page looks like in the browser, measured by functions run in the page (strings of
JavaScript *functions*: the dashboard's CSP forbids evaluating expressions)."""

from __future__ import annotations

from playwright.sync_api import Page

# Every kerncijfer label and value, and every element inside them, that is cut off: its content
# is wider than its box (an ellipsis, "€ 13.19…"). Returns [text, content width, box width].
TRUNCATED_KERNCIJFERS = """() => {
  const parts = [...document.querySelectorAll(
    '[data-testid="stMetricLabel"], [data-testid="stMetricValue"]')];
  return parts.flatMap((part) => [part, ...part.querySelectorAll('*')])
    .filter((e) => e.scrollWidth > e.clientWidth)
    .map((e) => [e.textContent.trim(), e.scrollWidth, e.clientWidth]);
}"""
KERNCIJFER_COUNT = """() => document.querySelectorAll('[data-testid="stMetricValue"]').length"""

# Whatever makes the page wider than the screen: the document or Streamlit's main area scrolling
# sideways, or a chart's text (axis labels, legend entries) outside its chart's box.
HORIZONTAL_OVERFLOW = """() => {
  const found = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) found.push(['document', root.scrollWidth, root.clientWidth]);
  const main = document.querySelector('[data-testid="stMain"]');
  if (main.scrollWidth > main.clientWidth) found.push(['main', main.scrollWidth, main.clientWidth]);
  for (const chart of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    const box = chart.getBoundingClientRect();
    for (const text of chart.querySelectorAll('svg text')) {
      const r = text.getBoundingClientRect();
      // Two pixels for anti-aliasing: a rotated axis title reaches half a pixel past the box.
      if (r.width > 0 && (r.right > box.right + 2 || r.left < box.left - 2)) {
        found.push([text.textContent, Math.round(r.left), Math.round(r.right),
                    Math.round(box.left), Math.round(box.right)]);
      }
    }
  }
  return found;
}"""

# Pairs of axis labels that are drawn on top of each other ("2024-Q12024-Q2"); a label Vega
# left out to make room has opacity 0.
OVERLAPPING_AXIS_LABELS = """() => {
  const found = [];
  for (const axis of document.querySelectorAll(
      '[data-testid="stVegaLiteChart"] g.role-axis-label')) {
    const shown = [...axis.querySelectorAll('text')]
      .filter((t) => getComputedStyle(t).opacity !== '0' && t.getAttribute('opacity') !== '0')
      .map((t) => [t.textContent, t.getBoundingClientRect()]);
    for (let i = 1; i < shown.length; i++) {
      const [a, ra] = shown[i - 1];
      const [b, rb] = shown[i];
      const apart = ra.right <= rb.left || rb.right <= ra.left
        || ra.bottom <= rb.top || rb.bottom <= ra.top;
      if (!apart) found.push([a, b]);
    }
  }
  return found;
}"""

# The names of visible buttons of Streamlit's own chart toolbar (English, and Tab stops).
CHART_TOOLBAR_BUTTONS = """() => [...document.querySelectorAll(
    '[data-testid="stBaseButton-elementToolbar"]')]
  .filter((b) => b.getClientRects().length > 0)
  .map((b) => (b.getAttribute('aria-label') || '').split(':')[0])"""

ACTIVE_ELEMENT = """() => {
  const a = document.activeElement;
  const menu = a.closest('[data-testid="stPopoverBody"]');
  return {text: (a.innerText || a.getAttribute('aria-label') || '').trim(), inMenu: menu !== null,
          role: a.getAttribute('role'), label: a.getAttribute('aria-label')};
}"""


def measure(page: Page, function: str) -> list:
    return page.evaluate(function)
