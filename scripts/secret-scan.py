#!/usr/bin/env python3
"""Secrets never reach a log, checked over the whole SDK suite (issue 12).

scripts/test.sh runs the Python, JavaScript, Java and Go SDK suites with ORGTRUST_SECRET_SCAN_DIR
set: every `orgtrust serve` they start logs at debug level into that directory (`<name>.log`, its stderr;
`<name>.stdout`, the start-up banner) and is reached through a byte-for-byte relay that records
the traffic (`<name>.wire`). This script then:

1. reads every secret that crossed the wire, in either direction: bearer tokens (Authorization
   headers and `access_token` in answers, including redirect fragments), Basic credentials,
   client secrets (`secret` in answers, `client_secret` in forms), passwords (`password`,
   `newPassword`, ...), authorization codes, PKCE verifiers, subject tokens, and any string shaped
   like the server's generated secrets (43 characters of URL-safe base64: 256 random bits);
2. looks for each in every server log: zero hits allowed;
3. checks the banners (stdout) hold no generated secret: the banner shows the fixture's own
   client secrets, which is its purpose, and nothing the server generated.

It fails when nothing was captured or no log is at debug level, so it cannot pass vacuously.
Usage: secret-scan.py DIR
"""

import base64
import json
import pathlib
import re
import sys
import urllib.parse

# Fields whose values are secrets, in JSON bodies and in forms/queries/fragments.
JSON_KEYS = ("access_token", "refresh_token", "id_token", "secret", "clientSecret", "client_secret",
             "password", "newPassword", "oldPassword", "currentPassword", "subject_token", "code_verifier")
FORM_KEYS = ("password", "client_secret", "subject_token", "code", "code_verifier", "access_token",
             "refresh_token", "csrf", "csrf_token")
# The server's generated secrets and tokens: 32 random bytes, URL-safe base64 without padding.
GENERATED = re.compile(rb"(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])")
# Too short to be told apart from ordinary words in a log (the suites' real secrets are longer).
MIN_LEN = 8


def looks_generated(s):
    """Random base64 of 256 bits has upper and lower case letters and digits (all but ~1e-4)."""
    return bool(re.search(r"[A-Z]", s) and re.search(r"[a-z]", s) and re.search(r"[0-9]", s))


def streams(data):
    """The byte streams of a recorded file, by (connection, direction), from its framed records."""
    out = {}
    at = 0
    while at < len(data):
        eol = data.find(b"\n", at)
        if eol < 0:
            break  # a record cut short when the relay closed
        conn, direction, length = data[at:eol].split()
        start = eol + 1
        out.setdefault((conn, direction), bytearray()).extend(data[start:start + int(length)])
        at = start + int(length)
    return out


def messages(stream):
    """(head, body) of each HTTP/1.1 message in one direction of a connection."""
    at = 0
    while at < len(stream):
        end = stream.find(b"\r\n\r\n", at)
        if end < 0:
            return
        head = bytes(stream[at:end]).decode("latin-1")
        at = end + 4
        length = re.search(r"(?im)^content-length:\s*(\d+)", head)
        if length:
            body = bytes(stream[at:at + int(length.group(1))])
            at += int(length.group(1))
        elif re.search(r"(?im)^transfer-encoding:\s*chunked", head):
            body = bytearray()
            while True:
                eol = stream.index(b"\r\n", at)
                size = int(bytes(stream[at:eol]).split(b";")[0], 16)
                at = eol + 2
                if size == 0:
                    at = stream.find(b"\r\n\r\n", at - 2) + 4
                    break
                body.extend(stream[at:at + size])
                at += size + 2
            body = bytes(body)
        else:
            body = b""
        yield head, body


def pairs(text):
    """key=value pairs of a form, query or fragment (tolerates anything)."""
    return urllib.parse.parse_qsl(text, keep_blank_values=False)


def secrets_in_message(head, body):
    """(secret, kind) pairs in one HTTP message."""
    found = set()
    for m in re.finditer(r"(?im)^authorization:\s*bearer\s+(\S+)", head):
        found.add((m.group(1), "bearer token"))
    for m in re.finditer(r"(?im)^authorization:\s*basic\s+(\S+)", head):
        try:
            _, _, secret = base64.b64decode(m.group(1)).decode().partition(":")
        except (ValueError, UnicodeDecodeError):
            continue
        found.add((urllib.parse.unquote_plus(secret), "basic credential"))
    # The request target's query, a redirect's query and fragment, cookies.
    urls = re.findall(r"^[A-Z]+ (\S+) HTTP/", head) + re.findall(r"(?im)^location:\s*(\S+)", head)
    for url in urls:
        parts = urllib.parse.urlsplit(url)
        for key, value in pairs(parts.query) + pairs(parts.fragment):
            if key in FORM_KEYS:
                found.add((value, key))
    for m in re.finditer(r"(?im)^(?:set-)?cookie:\s*(.+)$", head):
        for crumb in m.group(1).split(";"):
            key, _, value = crumb.strip().partition("=")
            if value and ("csrf" in key.lower() or "session" in key.lower()):
                found.add((value, f"cookie {key}"))
    text = body.decode("utf-8", "replace")
    if re.search(r"(?im)^content-type:\s*application/x-www-form-urlencoded", head):
        for key, value in pairs(text):
            if key in FORM_KEYS:
                found.add((value, key))
    elif text.lstrip().startswith(("{", "[")):
        try:
            walk(json.loads(text), found)
        except ValueError:
            pass
    for part in (head.encode("latin-1"), body):
        for m in GENERATED.finditer(part):
            candidate = m.group(0).decode()
            if looks_generated(candidate):
                found.add((candidate, "generated"))
    return found


def walk(value, found):
    """Secrets among a JSON document's fields, at any depth."""
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in JSON_KEYS and isinstance(inner, str):
                found.add((inner, key))
            else:
                walk(inner, found)
    elif isinstance(value, list):
        for inner in value:
            walk(inner, found)


def secrets_in_wire(data):
    """(secret, kind) pairs found in a recorded file's HTTP traffic."""
    found = set()
    for stream in streams(data).values():
        try:
            for head, body in messages(stream):
                found |= secrets_in_message(head, body)
        except ValueError:
            pass  # a message cut short when its connection closed: the rest holds nothing
    return {(s, kind) for s, kind in found if len(s) >= MIN_LEN}


def self_test():
    """The scan finds a leak it is shown: a token answered on one connection and a password sent
    on another, each then written to a log, are both reported."""
    import tempfile

    token = "Zq3" + "x" * 37 + "9_A"
    form = b"grant_type=password&username=u%40x&password=Pw-1234%21"
    up = (b"POST /oauth/token HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
          b"Content-Length: %d\r\n\r\n%s" % (len(form), form))
    down = ('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n{"access_token":"%s"}'
            % (len(token) + 20, token)).encode()
    with tempfile.TemporaryDirectory() as d:
        wire = b"1 up %d\n" % len(up) + up + b"2 down %d\n" % len(down) + down
        pathlib.Path(d, "t.wire").write_bytes(wire)
        found = dict(secrets_in_wire(wire))
        assert found.get("Pw-1234!") == "password" and token in found, found
        pathlib.Path(d, "t.log").write_text(f"DEBUG x\nDEBUG answered {token}\nDEBUG with Pw-1234!\n")
        assert len(scan(pathlib.Path(d))[1]) == 2


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    self_test()
    summary, hits = scan(pathlib.Path(sys.argv[1]))
    print(summary)
    for h in hits[:50]:
        print("  " + h)
    sys.exit(1 if hits else 0)


def scan(root):
    """(summary line, hits) for a scan directory; exits when it holds nothing to check."""
    wires = sorted(root.glob("*.wire"))
    logs = sorted(root.glob("*.log"))
    banners = sorted(root.glob("*.stdout"))
    secrets = {}
    wire_bytes = 0
    for w in wires:
        data = w.read_bytes()
        wire_bytes += len(data)
        # A named field says more than the shape alone: "generated" only when nothing else does.
        for s, kind in sorted(secrets_in_wire(data), key=lambda p: (p[1] == "generated", p[1])):
            secrets.setdefault(s, kind)
    if not wires or not secrets:
        sys.exit(f"secret scan: no traffic captured in {root}: nothing was checked")
    debug_logs = 0
    log_bytes = 0
    hits = []
    needles = [(s.encode(), s, kind) for s, kind in secrets.items()]
    for log in logs:
        data = log.read_bytes()
        log_bytes += len(data)
        if b"DEBUG" in data:
            debug_logs += 1
        for needle, s, kind in needles:
            at = data.find(needle)
            if at >= 0:
                line = data[data.rfind(b"\n", 0, at) + 1:data.find(b"\n", at)].decode("utf-8", "replace")
                hits.append(f"{log.name}: {kind} {s[:6]}...: {line[:300]}")
    if debug_logs == 0:
        sys.exit("secret scan: no server logged at debug level: nothing was checked")
    for banner in banners:
        data = banner.read_bytes()
        for needle, s, kind in needles:
            if kind != "basic credential" and looks_generated(s) and len(s) == 43 and needle in data:
                hits.append(f"{banner.name}: the banner shows a generated {kind} {s[:6]}...")
    kinds = {}
    for kind in secrets.values():
        kinds[kind] = kinds.get(kind, 0) + 1
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    return (f"secret scan: {len(logs)} server logs ({debug_logs} at debug level, {log_bytes // 1024} KiB), "
            f"{len(wires)} traffic recordings ({wire_bytes // 1024} KiB), "
            f"{len(secrets)} distinct secrets ({summary}); {len(hits)} found in a log"), hits


if __name__ == "__main__":
    main()
