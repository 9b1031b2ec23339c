"""`bilat serve` and the helpers behind it: binding, the printed address, host checks."""

from __future__ import annotations

import socket

import pytest

from bilat.errors import BadParameter
from bilat.interfaces.api.server import allowed_hosts, bind, is_loopback, url_of
from bilat.interfaces.cli.app import main


def test_bind_port_0_gives_a_free_port_and_its_url():
    sock = bind("127.0.0.1", 0)
    try:
        url = url_of(sock)
        assert url.startswith("http://127.0.0.1:") and url.endswith("/")
        assert int(url.rsplit(":", 1)[1].rstrip("/")) > 0
    finally:
        sock.close()


def test_port_in_use_is_a_clear_error():
    first = bind("127.0.0.1", 0)
    port = first.getsockname()[1]
    try:
        with pytest.raises(BadParameter, match=f"port {port} on 127.0.0.1 is in use"):
            bind("127.0.0.1", port)
    finally:
        first.close()


@pytest.mark.parametrize("port", [-1, 65536, True])
def test_bad_port(port):
    with pytest.raises(BadParameter, match="port must be"):
        bind("127.0.0.1", port)


@pytest.mark.parametrize("host, loopback", [
    ("127.0.0.1", True), ("localhost", True), ("::1", True), ("127.0.0.2", True),
    ("0.0.0.0", False), ("192.0.2.10", False), ("example.org", False),
])
def test_loopback_hosts_get_a_host_check(host, loopback):
    assert is_loopback(host) is loopback
    hosts = allowed_hosts(host)
    assert (hosts is not None) is loopback
    if loopback:
        assert {"localhost", "127.0.0.1"} <= set(hosts)


def test_serve_refuses_a_missing_store(tmp_path, capsys):
    assert main(["serve", "--db", str(tmp_path / "none.duckdb"), "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("bilat: E501") and "no bilat store" in err


def test_serve_refuses_a_bad_port(api_db, capsys):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        port = s.getsockname()[1]
        assert main(["serve", "--db", str(api_db), "--port", str(port)]) == 1
    assert "is in use; choose another --port" in capsys.readouterr().err


def test_serve_prints_the_address_and_answers_there(api_db):
    import json
    import re
    import signal
    import subprocess
    import sys
    import urllib.request

    proc = subprocess.Popen(
        [sys.executable, "-m", "bilat.interfaces.cli.app", "serve", "--db", str(api_db), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        m = re.search(r"at (http://127\.0\.0\.1:\d+/) ", line)
        assert m, line
        with urllib.request.urlopen(m.group(1) + "api/health", timeout=30) as r:
            assert json.loads(r.read())["status"] == "ok"
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=30)
    assert proc.returncode in (0, 130)
