"""Is the dashboard served with its safe settings?

The safe settings (listen on this machine only, no usage statistics, the offline
map files served) live in map_app/.streamlit/config.toml, which Streamlit reads
next to the entry script whatever the current folder, and ./run.sh passes them
as flags too.  A server started some other way (another config file, an
environment variable, an old Streamlit) may lack them: the page then says so in
words at the top, instead of silently listening on the network or showing a
blank map.  A value given explicitly on the command line or in the environment
(`--server.address 0.0.0.0` to share on a LAN) is the analyst's choice and is
not warned about.
"""
from __future__ import annotations

from typing import Any, Callable

_EXPLICIT = ("command-line", "environment variable")


def _loopback(address: Any) -> bool:
    text = str(address or "").strip().strip("[]").lower()
    return text == "localhost" or text == "::1" or text.startswith("127.")


def unsafe_settings(get: Callable[[str], Any] | None = None,
                    where: Callable[[str], str] | None = None) -> list[str]:
    """What is unsafe about the running server's settings, one sentence each (empty: all safe)."""
    if get is None or where is None:
        from streamlit import config

        get, where = config.get_option, config.get_where_defined

    def explicit(key: str) -> bool:
        return any(word in str(where(key)) for word in _EXPLICIT)

    problems = []
    address = get("server.address")
    if not _loopback(address) and not explicit("server.address"):
        shown = address if address else "every network interface"
        problems.append(f"The server listens on {shown}, not only on this machine: anyone on the network "
                        "can open this dashboard. Start it with ./run.sh, or pass --server.address 127.0.0.1 "
                        "(or an address of your choice to share it on purpose).")
    if get("browser.gatherUsageStats") and not explicit("browser.gatherUsageStats"):
        problems.append("Usage statistics are on: the page reports to Streamlit's servers on the internet. "
                        "Pass --browser.gatherUsageStats false.")
    if not get("server.enableStaticServing"):
        problems.append("The offline map files are not served (server.enableStaticServing is off), so the map "
                        "stays blank. Pass --server.enableStaticServing true.")
    return problems
