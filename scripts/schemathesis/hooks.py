"""Schemathesis hooks: authenticate every request with a client-credentials token of the client
named by ORGTRUST_CLIENT (default acme-admin), fetched from ORGTRUST_BASE/oauth/token.

A new token every 200 requests: the server limits each token to 300 requests a minute
(`client.credentials.token.rate.per.minute`), and the fuzzer sends thousands; rotating tokens keeps
the run about the API rather than about the rate limiter (tested on its own in the Rust suite).

The session's own client, and the Admin role that gives it its permissions, are kept out of the
generated paths: the stateful phase otherwise follows links to DELETE or re-key them, and every
later request of the pass is a 401/403 that tests nothing.
"""
import base64
import json
import os
import urllib.parse
import urllib.request

import schemathesis

BASE = os.environ["ORGTRUST_BASE"]
CLIENT = os.environ.get("ORGTRUST_CLIENT", "acme-admin")
SECRET = os.environ.get("ORGTRUST_SECRET", "acme-admin-secret")


PROTECTED = {CLIENT, "a0000000-0000-4000-8000-000000000021"}
USES_PER_TOKEN = 200


@schemathesis.hook
def filter_path_parameters(ctx, path_parameters):
    """Never generate a path naming the session's own client or its Admin role."""
    return not any(value in PROTECTED for value in (path_parameters or {}).values())


# An id of the right shape that names nothing, put in place of a protected one.
STAND_IN = "00000000-0000-4000-8000-0000000000ff"


@schemathesis.hook
def before_call(ctx, case, **kwargs):
    """The same rule for the phases the filter above does not reach (explicit examples, coverage,
    links followed by the stateful phase): a protected id in a path becomes an id that names
    nothing, so the operation is still called (and answers 404) without stripping the session's
    permissions for the rest of the pass."""
    params = case.path_parameters or {}
    for name, value in list(params.items()):
        if value in PROTECTED:
            params[name] = STAND_IN


@schemathesis.auth(refresh_interval=None)
class ClientCredentials:
    """Client-credentials tokens of ORGTRUST_CLIENT, each used for USES_PER_TOKEN requests."""

    last = None
    uses = 0

    def get(self, case, ctx):
        ClientCredentials.uses += 1
        if ClientCredentials.last and ClientCredentials.uses < USES_PER_TOKEN:
            return ClientCredentials.last
        ClientCredentials.uses = 0
        basic = base64.b64encode(f"{CLIENT}:{SECRET}".encode()).decode()
        request = urllib.request.Request(
            f"{BASE}/oauth/token",
            data=b"grant_type=client_credentials",
            headers={
                "Authorization": f"Basic {basic}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                ClientCredentials.last = json.load(response)["access_token"]
        except OSError:
            # The run deleted the client (the stateful phase follows links to
            # DELETE /oauth/clients/{id}): keep the last token; the server answers 401.
            pass
        return ClientCredentials.last

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        token = data
        if case.operation.label == "GET /api/v2/users/me" and CLIENT == "acme-admin":
            # The operation needs a user context (a client-credentials token gets 400, as in
            # Genesys): Ann's own token, signed in through the same client.
            token = user_token() or data
        case.headers["Authorization"] = f"Bearer {token}"


USER = ("ann@acme.example", "Acme-admin-1!")
_user_token = []


def user_token():
    """A password-grant token of USER through CLIENT, fetched once (it lives an hour, longer than
    a run; `GET /api/v2/users/me` is called a few dozen times, under the per-token rate)."""
    if not _user_token:
        basic = base64.b64encode(f"{CLIENT}:{SECRET}".encode()).decode()
        form = urllib.parse.urlencode(
            {"grant_type": "password", "username": USER[0], "password": USER[1]}
        ).encode()
        request = urllib.request.Request(
            f"{BASE}/oauth/token",
            data=form,
            headers={
                "Authorization": f"Basic {basic}",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                _user_token.append(json.load(response)["access_token"])
        except OSError:
            return None
    return _user_token[0]
