"""Many concurrent sessions that speak Streamlit's own websocket protocol, without a browser.

The browser load (benchmarks/load.py) runs 30 Chromium tabs on the same two cores as the server,
so its page times mostly measure Chromium drawing charts. These sessions send exactly what a
browser sends (a rerun of a page) and wait for what it waits for (the script-finished message
after every element), so their page times are the server's share of a chapter switch.
"""

from __future__ import annotations

import asyncio
import os
import time

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.load import CHAPTERS, LoadResult
from tests.support.server import cpu_seconds

FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY


class PageFailed(Exception):
    pass


async def _rerun(connection: websockets.ClientConnection, page_hash: str) -> dict[str, object]:
    """Run one page; returns its page list, headings, chart count and whether it raised."""
    message = BackMsg()
    message.rerun_script.page_script_hash = page_hash
    message.rerun_script.query_string = ""
    await connection.send(message.SerializeToString())
    seen: dict[str, object] = {"pages": {}, "headings": [], "charts": 0, "exception": False}
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await connection.recv())
        kind = forward.WhichOneof("type")
        if kind == "navigation":
            seen["pages"] = {p.page_name: p.page_script_hash for p in forward.navigation.app_pages}
        elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            element_kind = element.WhichOneof("type")
            if element_kind == "vega_lite_chart":
                seen["charts"] += 1  # type: ignore[operator]
            elif element_kind == "exception":
                seen["exception"] = True
            elif element_kind == "heading" and element.heading.tag == "h1":
                seen["headings"].append(element.heading.body)  # type: ignore[union-attr]
        elif kind == "script_finished":
            if forward.script_finished != FINISHED:
                raise PageFailed(f"script eindigde met status {forward.script_finished}")
            return seen


async def _session(base_url: str, number: int, result: LoadResult) -> None:
    stream = base_url.replace("http://", "ws://").rstrip("/") + "/_stcore/stream"
    try:
        async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None) as ws:
            pages = (await _rerun(ws, ""))["pages"]
            for link, heading, charts in CHAPTERS:
                start = time.perf_counter()
                seen = await _rerun(ws, pages[link])  # type: ignore[index]
                result.page_seconds.append(time.perf_counter() - start)
                if seen["exception"] or heading not in seen["headings"] or seen["charts"] != charts:
                    result.errors.append(
                        f"sessie {number}: {link} onvolledig ({seen['charts']} grafieken, "
                        f"koppen {seen['headings']}, fout {seen['exception']})"
                    )
    except Exception as error:
        result.errors.append(f"sessie {number}: {type(error).__name__}: {error}")


async def _run(base_url: str, sessions: int) -> LoadResult:
    result = LoadResult(sessions)
    before = cpu_seconds(os.getpid())
    await asyncio.gather(*(_session(base_url, n, result) for n in range(sessions)))
    result.client_cpu_seconds = cpu_seconds(os.getpid()) - before
    return result


def run_protocol_load(base_url: str, sessions: int) -> LoadResult:
    """`sessions` concurrent protocol clients, each running every page once."""
    return asyncio.run(_run(base_url, sessions))
