"""Page-wide touches: the document language, keyboard access, print- and tablet-friendly styling."""

from __future__ import annotations

import logging

import streamlit as st

# Streamlit writes <html lang="en"> (WCAG 3.1.1). Set the real language as soon as the page runs;
# it is our own constant script, not user content.
LANGUAGE_SCRIPT = "<script>document.documentElement.lang = 'nl';</script>"

# What Streamlit does not do for a keyboard user (WCAG 2.1.1, 2.4.3), in one constant script whose
# hash the CSP allows (monitor.server.headers). Streamlit draws an open popover (the Downloaden
# menu) at the end of the page, so Tab would leave it for the rest of the page: while a menu is
# open, Tab and Shift+Tab cycle through its items (Escape closes it, as Streamlit does). A wide
# table scrolls inside its own box, which a keyboard can only scroll once it can take focus: the
# box becomes a named, focusable region (axe: scrollable-region-focusable). The script runs again
# on every rerun, so it installs itself once.
KEYBOARD_SCRIPT = """<script>
(() => {
  if (window.monitorKeyboard) return;
  window.monitorKeyboard = true;
  const ITEMS = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';
  const openMenu = () => [...document.querySelectorAll('[data-testid="stPopoverBody"]')]
    .find((body) => body.getClientRects().length > 0);
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Tab') return;
    const menu = openMenu();
    const opener = document.querySelector('[data-testid="stPopoverButton"][aria-expanded="true"]');
    const here = document.activeElement;
    if (!menu || !(menu.contains(here) || (opener && opener.contains(here)))) return;
    event.preventDefault();
    const items = [...menu.querySelectorAll(ITEMS)]
      .filter((item) => !item.disabled && item.getClientRects().length > 0);
    if (items.length === 0) return;
    const at = items.indexOf(here);
    const step = event.shiftKey ? -1 : 1;
    const next = at < 0 ? (event.shiftKey ? items.length - 1 : 0) : at + step;
    items[(next + items.length) % items.length].focus();
  }, true);
  const headingBefore = (node) => [...document.querySelectorAll('h1, h2, h3')]
    .filter((h) => h.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING).pop();
  const regions = () => {
    for (const box of document.querySelectorAll('[data-testid="stTable"] > div:not([tabindex])')) {
      const heading = headingBefore(box);
      box.setAttribute('tabindex', '0');
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', 'Tabel' + (heading ? ': ' + heading.textContent.trim() : ''));
    }
  };
  new MutationObserver(regions).observe(document.body, { childList: true, subtree: true });
  regions();
})();
</script>"""

# Streamlit's file uploader speaks English and has no option for another language; its texts
# are put in Dutch where they appear (text nodes and the drop zone's name only, which React
# itself sets the same way, so its own updates keep working).
WIDGET_TEXT_SCRIPT = """<script>
(() => {
  if (window.monitorWidgetText) return;
  window.monitorWidgetText = true;
  const TEXTS = [
    [/^Upload$/, 'Bestand kiezen'],
    [/^Uploading\\.\\.\\.$/, 'Bezig met uploaden…'],
    [/^Upload failed$/, 'Uploaden mislukt'],
    [/^File is too large\\. Maximum size is .*$/,
     'Het bestand is te groot: de grens staat onder de knop.'],
  ];
  const dutch = (text) => {
    const found = TEXTS.find(([english]) => english.test(text.trim()));
    return found ? found[1] : null;
  };
  const translate = () => {
    for (const uploader of document.querySelectorAll('[data-testid="stFileUploader"]')) {
      const walker = document.createTreeWalker(uploader, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = dutch(node.nodeValue);
        if (text !== null && node.nodeValue !== text) node.nodeValue = text;
      }
      const zone = uploader.querySelector('[data-testid="stFileUploaderDropzone"]');
      if (zone && zone.getAttribute('aria-label') !== 'Kies een bestand of sleep het hierheen') {
        zone.setAttribute('aria-label', 'Kies een bestand of sleep het hierheen');
      }
    }
  };
  new MutationObserver(translate).observe(document.body,
    { childList: true, subtree: true, characterData: true });
  translate();
})();
</script>"""

# The sidebar's width in pixels (Streamlit's default is 300): on a tablet of 820 px it leaves the
# page room for three kerncijfers side by side. Streamlit still folds it away up to 768 px wide.
SIDEBAR_WIDTH = 240

STYLE = """
<style>
  /* Sentences under charts read as text, not captions. */
  [data-testid="stMarkdown"] [data-testid="stMarkdownContainer"] p { font-size: 1.02rem; line-height: 1.55; }
  table { font-variant-numeric: tabular-nums; }
  /* A kerncijfer is never cut off with an ellipsis ("€ 13.19…"): the value shrinks with the
     screen and, like the label, wraps when a column is still too narrow. */
  [data-testid="stMetricValue"] { font-size: clamp(1.5rem, 0.8rem + 1.5vw, 2.25rem); }
  [data-testid="stMetric"] [data-testid="stMetricLabel"] *,
  [data-testid="stMetric"] [data-testid="stMetricValue"] *,
  [data-testid="stMetric"] [data-testid="stMetricValue"] {
    white-space: normal; overflow: visible; text-overflow: clip; overflow-wrap: break-word;
  }
  /* Streamlit's own chart toolbar is off: its English buttons added about eight Tab stops per
     chart, and "Show data" showed the chart's internal columns. Each figure has its own table
     ("Toon als tabel") and downloads ("Downloaden") instead. */
  [data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"]) [data-testid="stElementToolbar"] {
    display: none;
  }
  /* A focused table region shows where the arrow keys will scroll. */
  [data-testid="stTable"] > div[role="region"]:focus-visible { outline: 2px solid #0072B2; outline-offset: 2px; }
</style>
"""


def apply_shell() -> None:
    # Its only warning says a chart has both a spec description and alt text. Ours carry the
    # same text on purpose (alt for the page, the description for exported SVG and PDF); a
    # level, unlike a filter, also skips the stack trace Streamlit formats for every chart.
    logging.getLogger("streamlit.elements.vega_charts").setLevel(logging.ERROR)
    st.html(LANGUAGE_SCRIPT, unsafe_allow_javascript=True)
    st.html(KEYBOARD_SCRIPT, unsafe_allow_javascript=True)
    st.html(WIDGET_TEXT_SCRIPT, unsafe_allow_javascript=True)
    st.html(STYLE)
