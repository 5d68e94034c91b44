"""A byte-for-byte TCP relay in front of a test server, for the secret scan (scripts/secret-scan.py).

When ORGTRUST_SECRET_SCAN_DIR is set, every `Server` of the suite runs with debug logging into
that directory and is reached through a `Tap`: the tests talk to the tap's port, the tap copies
the bytes both ways unchanged and appends them to `<dir>/<name>.wire`. Afterwards the scan reads
from the captured traffic every secret that crossed the wire (tokens handed out, client secrets,
passwords, authorization codes...) and looks for each in the server logs. Recording the traffic
rather than the SDK's calls catches every route a test takes: the SDK, urllib, http.client."""

import socket
import threading


class _Pair:
    """A relayed connection's two sockets, closed when both directions have ended."""

    def __init__(self, a, b):
        self.sockets = (a, b)
        self.running = 2
        self.lock = threading.Lock()

    def done(self):
        with self.lock:
            self.running -= 1
            last = self.running == 0
        if last:
            for s in self.sockets:
                s.close()


class Tap:
    """Listens on a free loopback port and relays each connection to `upstream_port`."""

    def __init__(self, upstream_port, wire_file):
        self.upstream_port = upstream_port
        self.wire = open(wire_file, "ab")
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(128)
        self.port = self.listener.getsockname()[1]
        self.closed = False
        self.connections = 0
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while not self.closed:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(("127.0.0.1", self.upstream_port))
            except OSError:
                client.close()
                continue
            self.connections += 1
            pair = _Pair(client, upstream)
            for a, b, label in ((client, upstream, "up"), (upstream, client, "down")):
                tag = f"{self.connections} {label}"
                threading.Thread(target=self._pump, args=(a, b, pair, tag), daemon=True).start()

    def _pump(self, source, sink, pair, tag):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                with self.lock:
                    if not self.wire.closed:
                        self.wire.write(f"{tag} {len(data)}\n".encode() + data)
                sink.sendall(data)
        except OSError:
            pass
        finally:
            # Half-close so the other direction drains; the peer's close ends the other pump.
            for s, how in ((sink, socket.SHUT_WR), (source, socket.SHUT_RD)):
                try:
                    s.shutdown(how)
                except OSError:
                    pass
            pair.done()

    def close(self):
        self.closed = True
        try:
            self.listener.close()
        except OSError:
            pass
        with self.lock:
            self.wire.close()
