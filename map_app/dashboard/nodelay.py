"""TCP_NODELAY on the dashboard server's connections (applied by map_app/serve.py).

Streamlit (1.67) binds its listening socket itself with ``socket.socket(family)``,
whose protocol number is 0, and hands it to uvicorn.  asyncio sets TCP_NODELAY only
on sockets whose protocol is IPPROTO_TCP, so none of the server's connections gets
it: on a kept-alive connection every response after the first has its body held by
Nagle's algorithm until the browser's delayed acknowledgement, about 40 ms.  A fresh
page fetches some 120 script files over six connections, so that alone cost about
a second before the first map (measured: 44 ms per response on a kept-alive
connection, 1 ms with this fix; BENCHMARKS.md, "Dashboard page").

`enable()` widens asyncio's check to TCP stream sockets created without a protocol
number — what asyncio intends for every TCP transport — in this process only.
"""
from __future__ import annotations

import asyncio.base_events
import socket

_TCP_FAMILIES = {socket.AF_INET, socket.AF_INET6}
#: asyncio's own function, as it was before `enable` (tests compare the two).
ASYNCIO_SET_NODELAY = asyncio.base_events._set_nodelay


def _set_nodelay(sock: socket.socket) -> None:
    if (sock.family in _TCP_FAMILIES and sock.type == socket.SOCK_STREAM
            and sock.proto in (0, socket.IPPROTO_TCP)):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # not a TCP socket after all: leave it as asyncio would
            pass


def enable() -> None:
    """Make asyncio set TCP_NODELAY on TCP connections of sockets created without a
    protocol number (idempotent)."""
    if hasattr(socket, "TCP_NODELAY"):
        asyncio.base_events._set_nodelay = _set_nodelay
