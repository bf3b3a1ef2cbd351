"""How often the draft's report may be rendered: each render costs about 9 s of server CPU and
hundreds of MB, so one at a time per server and one per beleidsmedewerker per cool-down. The
refusal is a Dutch sentence for the page."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

COOL_DOWN_SECONDS = 60.0

_rendering = threading.Lock()
_bookkeeping = threading.Lock()
_last_render: dict[str, float] = {}


class ReportRefused(RuntimeError):
    """A render that is not started now; the message says why and when to try again."""


def limited_render(
    render: Callable[[], bytes], who: str, now: Callable[[], float] = time.monotonic
) -> bytes:
    """`render()` unless another report is being made or `who` made one within the cool-down."""
    with _bookkeeping:
        last = _last_render.get(who)
        if last is not None and now() - last < COOL_DOWN_SECONDS:
            wait = int(COOL_DOWN_SECONDS - (now() - last)) + 1
            raise ReportRefused(
                f"U heeft zojuist een conceptrapport laten maken. Probeer het over {wait} seconden "
                "opnieuw; het vorige staat nog klaar om te downloaden."
            )
    if not _rendering.acquire(blocking=False):
        raise ReportRefused(
            "Er wordt op dit moment al een rapport gemaakt. Probeer het over een minuut opnieuw."
        )
    try:
        with _bookkeeping:
            _last_render[who] = now()
        return render()
    finally:
        _rendering.release()
