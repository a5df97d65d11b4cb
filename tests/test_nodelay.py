"""The dashboard server's connections get TCP_NODELAY (map_app/dashboard/nodelay.py).

Streamlit binds its listening socket with ``socket.socket(family)`` (protocol number 0)
and asyncio only sets TCP_NODELAY on sockets whose protocol is IPPROTO_TCP: without the
fix each kept-alive response waits ~40 ms for the browser's delayed acknowledgement."""
from __future__ import annotations

import asyncio
import asyncio.base_events
import socket
import subprocess
import sys

import pytest

from map_app.dashboard import nodelay
from tests.live import REPO


def _server_side_nodelay() -> int:
    """Serve one connection on a socket bound the way Streamlit binds it; return the
    TCP_NODELAY value of the server's side of that connection."""
    async def main() -> int:
        listener = socket.socket(socket.AF_INET)  # no protocol number, as Streamlit does
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        listener.setblocking(False)
        seen: asyncio.Future = asyncio.get_running_loop().create_future()

        async def handle(_reader, writer):
            sock = writer.get_extra_info("socket")
            seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(handle, sock=listener)
        async with server:
            _r, w = await asyncio.open_connection(*listener.getsockname())
            value = await asyncio.wait_for(seen, 10)
            w.close()
        return value

    return asyncio.run(main())


@pytest.fixture()
def restore_asyncio():
    original = asyncio.base_events._set_nodelay
    yield original
    asyncio.base_events._set_nodelay = original


def test_without_the_fix_streamlits_kind_of_socket_has_no_nodelay(restore_asyncio):
    asyncio.base_events._set_nodelay = nodelay.ASYNCIO_SET_NODELAY
    assert _server_side_nodelay() == 0


def test_with_the_fix_the_connection_has_nodelay(restore_asyncio):
    nodelay.enable()
    assert _server_side_nodelay() == 1


def test_non_tcp_sockets_are_left_alone(restore_asyncio):
    nodelay.enable()
    a, b = socket.socketpair()
    try:
        asyncio.base_events._set_nodelay(a)  # a Unix socket: nothing to set, no error
    finally:
        a.close()
        b.close()


def test_the_served_dashboard_enables_it():
    code = ("import asyncio.base_events, runpy; runpy.run_path('map_app/serve.py'); "
            "print(asyncio.base_events._set_nodelay.__module__)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "map_app.dashboard.nodelay"
