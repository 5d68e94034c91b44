"""The audits of Organization Authorization on the backend under test
(ORGTRUST_CONFORMANCE_BACKEND=postgres): the cases of test_orgauthorization_audits.py, whose
module pins a SQLite file to write its trail with sqlite3, run again against a PostgreSQL database
into which the same trail is written with psql (the expression index answers the phrase search as
for any other insert). On SQLite the other module already covers them.
"""

import datetime
import json
import subprocess
import uuid

import pytest

from conftest import BACKEND, ROOT, Server, database_url
from test_orgauthorization_audits import *  # noqa: F401,F403  (the cases, run again here)
from test_orgauthorization_audits import T0, TRAIL

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="test_orgauthorization_audits.py covers SQLite")


def literal(value):
    """A SQL string literal (or NULL)."""
    if value is None:
        return "NULL"
    return "'" + str(value).replace("'", "''") + "'"


def write_trail(url):
    ids = []
    rows = []
    for org, home, actor, name, action, etype, eid, ename, changes, hour in TRAIL:
        event_id = str(uuid.uuid4())
        ids.append(event_id)
        ts = int((T0 + datetime.timedelta(hours=hour)).timestamp() * 1000)
        values = [event_id, org, home, actor, name, action, etype, eid, ename, json.dumps(changes),
                  "corr-" + event_id]
        rows.append(
            "INSERT INTO audit_events (id, timestamp, org_id, home_org_id, actor_kind, actor_id, actor_name,"
            " client_id, action, entity_type, entity_id, entity_name, changes, correlation_id, remote_ip)"
            f" VALUES ({literal(values[0])}, {ts}, {', '.join(literal(v) for v in values[1:3])}, 'user',"
            f" {', '.join(literal(v) for v in values[3:5])}, 'partner-admin',"
            f" {', '.join(literal(v) for v in values[5:])}, '127.0.0.1');"
        )
    subprocess.run(["psql", url, "-v", "ON_ERROR_STOP=1", "-qc", "\n".join(rows)], check=True)
    return ids


@pytest.fixture(scope="module")
def trust_server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("audits-backend")
    with open(f"{ROOT}/fixtures/demo.json") as f:
        doc = json.load(f)
    doc["trusts"] = [{"trustor": "Acme Corp", "trustee": "Partner Co"}]
    fixture = tmp / "fixture.json"
    fixture.write_text(json.dumps(doc))
    url = database_url()
    first = Server(fixture=str(fixture), database=url)
    first.stop()
    ids = write_trail(url)
    s = Server(fixture=str(fixture), database=url)
    s.trail = ids
    yield s
    s.stop()
