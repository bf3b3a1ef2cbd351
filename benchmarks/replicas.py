"""Two dashboard replicas behind nginx against one replica on its own, in the same run.

Both replicas are started the way the shipped systemd unit starts them
(deploy/systemd/monitor-dashboard@.service) on one demo store, nginx runs the shipped site
(deploy/nginx/monitor.conf) with both in its upstream. The load is the 30-session protocol load
of benchmarks/protocol_load.py: once against one replica directly (the baseline), once through
nginx. nginx listens on plain HTTP here (the load client speaks ws://, not wss://); everything
else, the sticky hashing included, is the shipped file. The access log says how nginx spread
the sessions.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import Result

ACCESS_LOG = (
    "log_format replicas '$upstream_addr $request_uri';\n  access_log {work}/access.log replicas;"
)


def replica_load(sessions: int = 30) -> list[Result]:
    """Chapter switches of `sessions` protocol clients through nginx over two replicas, against
    the same clients on one replica directly."""
    from benchmarks.protocol_load import run_protocol_load
    from monitor.config import DEFAULT_CATALOGUE
    from monitor.demo.data import load_demo
    from monitor.demo.texts import DEMO_EDITIONS, publish_demo_editions
    from monitor.domain.catalogue import load_catalogue
    from monitor.domain.editions import edition_from_text
    from monitor.render.artefact_audit import exported_findings
    from tests.support.nginx import running_nginx, self_signed_certificate, site_config
    from tests.support.replicas import running_replica
    from tests.support.server import free_ports

    catalogue = load_catalogue(DEFAULT_CATALOGUE)
    with tempfile.TemporaryDirectory() as temporary:
        work = self_signed_certificate(Path(temporary))
        data_dir = work / "data"
        load_demo(data_dir, catalogue)
        publish_demo_editions(
            data_dir, catalogue, [edition_from_text(e) for e in DEMO_EDITIONS], exported_findings
        )
        ports = free_ports(2)
        with (
            running_replica(ports[0], data_dir) as first,
            running_replica(ports[1], data_dir) as second,
        ):
            web_port, redirect_port = free_ports(2)
            site = site_config(ports, web_port, redirect_port, work, tls=False)
            with running_nginx(
                work, site, web_port, redirect_port, tls=False,
                http_extra=ACCESS_LOG.format(work=work),
            ) as proxy:  # fmt: skip
                # Warms each replica's per-version caches once, as any first reader does.
                run_protocol_load(first.url, 1)
                run_protocol_load(second.url, 1)
                alone = run_protocol_load(first.url, sessions)
                behind = run_protocol_load(f"http://127.0.0.1:{proxy.https_port}", sessions)
                streams = Counter(
                    line.split()[0]
                    for line in proxy.access_log.read_text(encoding="utf-8").splitlines()
                    if line.split()[1].startswith("/_stcore/stream")
                )
    spread = " + ".join(str(streams[f"127.0.0.1:{port}"]) for port in ports)
    return [
        Result(f"{sessions} sessies via nginx, 2 replica's, p50", behind.p50,
               "zelfde, 1 replica direct, p50", alone.p50,
               f"{len(behind.errors)} fouten (basis {len(alone.errors)})"),
        Result(f"{sessions} sessies via nginx, 2 replica's, p95", behind.p95,
               "zelfde, 1 replica direct, p95", alone.p95,
               f"≤ 3 s; sessies per replica {spread}"),
    ]  # fmt: skip


if __name__ == "__main__":
    from benchmarks.common import print_table

    print_table(replica_load())
