//! The `orgtrust` administrator commands, run as the built binary against a live server this
//! test starts on 127.0.0.1 port 0 (in-memory SQLite, demo fixture): a trust's whole life from
//! the pairing to its deletion, the tables and `--json` outputs on the way, and the exit
//! statuses of usage, API and connection errors.

use std::path::Path;
use std::process::Output;
use std::sync::Arc;

use orgtrust_core::clock::SystemClock;
use orgtrust_core::store::Store;
use orgtrust_core::{fixture, App, Settings};
use orgtrust_server::Server;
use orgtrust_store_sqlite::SqliteStore;
use serde_json::Value;

const DEMO: &str = include_str!("../../../fixtures/demo.json");

const ACME: &str = "a0000000-0000-4000-8000-000000000001";
const PARTNER: &str = "b0000000-0000-4000-8000-000000000001";
const PAT: &str = "b0000000-0000-4000-8000-000000000031";
const SAM: &str = "b0000000-0000-4000-8000-000000000032";
const USER_VIEWER: &str = "a0000000-0000-4000-8000-000000000022";
const TRUST_AUDITOR: &str = "a0000000-0000-4000-8000-000000000023";
const HOME_DIV: &str = "a0000000-0000-4000-8000-000000000011";
const EMEA_DIV: &str = "a0000000-0000-4000-8000-000000000012";

/// Exit statuses documented in docs/cli.md.
const EXIT_USAGE: i32 = 2;
const EXIT_API: i32 = 3;
const EXIT_CONNECTION: i32 = 4;

/// A live server; stops when dropped.
struct Live {
    base: String,
    _stop: tokio::sync::oneshot::Sender<()>,
}

async fn serve() -> Live {
    let store = Arc::new(
        SqliteStore::open("sqlite::memory:")
            .await
            .expect("open store"),
    );
    let clock = Arc::new(SystemClock::new());
    fixture::apply("test", DEMO, &*store, &*clock)
        .await
        .expect("fixture applies");
    let dyn_store: Arc<dyn Store> = store;
    let app = Arc::new(App::new(dyn_store, clock, Settings::default()));
    let server = Server::bind("127.0.0.1:0".parse().expect("addr"), app)
        .await
        .expect("bind");
    let addr = server.local_addr().expect("addr");
    let (tx, rx) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(server.run_until_stopped(async {
        let _ = rx.await;
    }));
    Live {
        base: format!("http://{addr}"),
        _stop: tx,
    }
}

/// Runs `orgtrust args...` with its own config directory and the extra environment.
struct Cli<'a> {
    config: &'a Path,
}

/// What a run printed and how it ended.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "expected success; stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    fn failed(self, code: i32) -> Self {
        assert_eq!(
            self.code, code,
            "expected exit {code}; stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    fn stderr_json(&self) -> Value {
        serde_json::from_str(self.stderr.trim())
            .unwrap_or_else(|e| panic!("stderr is not JSON ({e}):\n{}", self.stderr))
    }
}

impl Cli<'_> {
    async fn run(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        let mut cmd = tokio::process::Command::new(env!("CARGO_BIN_EXE_orgtrust"));
        cmd.args(args)
            .env("XDG_CONFIG_HOME", self.config)
            .env_remove("ORGTRUST_PROFILE")
            .env_remove("ORGTRUST_SERVER")
            .env_remove("ORGTRUST_CLIENT_ID")
            .env_remove("ORGTRUST_CLIENT_SECRET")
            .env_remove("ORGTRUST_USERNAME")
            .env_remove("ORGTRUST_PASSWORD")
            .stdin(std::process::Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let Output {
            status,
            stdout,
            stderr,
        } = cmd.output().await.expect("run orgtrust");
        Run {
            code: status.code().expect("exit code"),
            stdout: String::from_utf8(stdout).expect("utf-8"),
            stderr: String::from_utf8(stderr).expect("utf-8"),
        }
    }

    /// `orgtrust login` as an OAuth client into `profile`.
    async fn login_client(&self, base: &str, profile: &str, client: &str) -> Run {
        let secret = format!("{client}-secret");
        self.run(
            &[
                "login",
                "--profile",
                profile,
                "--server",
                base,
                "--client-id",
                client,
            ],
            &[("ORGTRUST_CLIENT_SECRET", &secret)],
        )
        .await
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_trust_lives_and_dies_through_the_cli() {
    let live = serve().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli { config: dir.path() };
    let base = live.base.as_str();

    // The trustee's administrator logs in; the profile file is owner-only.
    let out = cli
        .login_client(base, "partner", "partner-admin")
        .await
        .ok();
    assert!(out.stdout.contains("Partner Co"), "{}", out.stdout);
    let file = dir.path().join("orgtrust").join("profiles.toml");
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file)
            .expect("profiles file")
            .permissions();
        assert_eq!(mode.mode() & 0o777, 0o600);
        let text = std::fs::read_to_string(&file).expect("read");
        assert!(text.contains("[profiles.partner]"), "{text}");
        assert!(!text.contains("partner-admin-secret"), "secrets stay out");
    }

    // ... and makes a pairing for Pat.
    let pairing = cli
        .run(
            &[
                "pairings",
                "create",
                "--user",
                PAT,
                "--profile",
                "partner",
                "--json",
            ],
            &[],
        )
        .await
        .ok()
        .json();
    let pairing_id = pairing["id"].as_str().expect("pairing id").to_owned();
    assert_eq!(pairing["users"][0]["id"], PAT);
    let shown = cli
        .run(
            &["pairings", "show", &pairing_id],
            &[("ORGTRUST_PROFILE", "partner")],
        )
        .await
        .ok();
    assert!(shown.stdout.contains(&pairing_id), "{}", shown.stdout);
    assert!(shown.stdout.contains("Pat Partner"), "{}", shown.stdout);

    // The trustor's administrator creates the trust from the pairing (its users by default).
    cli.login_client(base, "acme", "acme-admin").await.ok();
    let trust = cli
        .run(
            &[
                "trustees",
                "create",
                "--pairing",
                &pairing_id,
                "--profile",
                "acme",
                "--json",
            ],
            &[],
        )
        .await
        .ok()
        .json();
    assert_eq!(trust["id"], PARTNER);
    assert_eq!(trust["enabled"], true);
    // A pairing is used once.
    let again = cli
        .run(
            &[
                "trustees",
                "create",
                "--pairing",
                &pairing_id,
                "--profile",
                "acme",
            ],
            &[],
        )
        .await
        .failed(EXIT_API);
    assert!(again.stderr.contains("error: "), "{}", again.stderr);

    // Roles per division for Pat and Sam, in one bulk command.
    let user_viewer_emea = format!("{USER_VIEWER}:{EMEA_DIV}");
    let auditor_home = format!("{TRUST_AUDITOR}:{HOME_DIV}");
    let added = cli
        .run(
            &[
                "trustee-users",
                "add",
                PARTNER,
                PAT,
                SAM,
                "--grant",
                &user_viewer_emea,
                "--grant",
                &auditor_home,
                "--profile",
                "acme",
            ],
            &[],
        )
        .await
        .ok();
    assert!(added.stdout.contains("Pat Partner"), "{}", added.stdout);
    assert!(added.stdout.contains("Sam Support"), "{}", added.stdout);
    let roles = cli
        .run(
            &[
                "trustee-users",
                "roles",
                PARTNER,
                PAT,
                "--profile",
                "acme",
                "--json",
            ],
            &[],
        )
        .await
        .ok()
        .json();
    let mut names: Vec<&str> = roles["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["Trust Auditor", "User Viewer"]);
    let users = cli
        .run(
            &["trustee-users", "list", PARTNER, "--profile", "acme"],
            &[],
        )
        .await
        .ok();
    assert!(users.stdout.contains("USER ID"), "{}", users.stdout);
    assert!(users.stdout.contains(SAM), "{}", users.stdout);
    let listed = cli
        .run(&["trustees", "list", "--profile", "acme"], &[])
        .await
        .ok();
    let row = listed
        .stdout
        .lines()
        .find(|l| l.contains(PARTNER))
        .unwrap_or_else(|| panic!("no row for the trust:\n{}", listed.stdout));
    assert!(row.contains("Partner Co") && row.contains("yes"), "{row}");

    // The access review: Pat and Sam each hold User Viewer in EMEA and Trust Auditor in Home.
    let access = cli
        .run(&["access", "report", "--profile", "acme", "--json"], &[])
        .await
        .ok()
        .json();
    assert_eq!(access.as_array().map(Vec::len), Some(4), "{access}");
    let csv = cli
        .run(
            &[
                "access",
                "report",
                "--division",
                EMEA_DIV,
                "--csv",
                "--profile",
                "acme",
            ],
            &[],
        )
        .await
        .ok();
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert!(
        lines[0].starts_with("trusteeOrganizationId,"),
        "{}",
        csv.stdout
    );
    assert_eq!(
        lines.len(),
        3,
        "a header and Pat's and Sam's EMEA rows: {}",
        csv.stdout
    );
    assert!(
        lines[1..]
            .iter()
            .all(|l| l.contains("User Viewer") && l.contains("EMEA")),
        "{}",
        csv.stdout
    );

    // The trustee sees the trust, and Pat signs in to Acme through it.
    let trustors = cli
        .run(&["trustors", "list", "--profile", "partner", "--json"], &[])
        .await
        .ok()
        .json();
    assert_eq!(trustors[0]["id"], ACME);
    let pat_login = cli
        .run(
            &[
                "login",
                "--profile",
                "pat",
                "--server",
                base,
                "--client-id",
                "partner-admin",
                "--username",
                "pat@partner.example",
                "--target",
                ACME,
                "--json",
            ],
            &[
                ("ORGTRUST_CLIENT_SECRET", "partner-admin-secret"),
                ("ORGTRUST_PASSWORD", "Partner-pat-1!"),
            ],
        )
        .await
        .ok()
        .json();
    assert_eq!(pat_login["organization"]["id"], ACME);
    assert_eq!(pat_login["homeOrganization"]["id"], PARTNER);
    let org = cli
        .run(&["org", "show", "--profile", "pat", "--json"], &[])
        .await
        .ok()
        .json();
    assert_eq!(org["id"], ACME);
    assert_eq!(org["name"], "Acme Corp");
    let org_table = cli
        .run(&["org", "show", "--profile", "pat"], &[])
        .await
        .ok();
    assert!(
        org_table.stdout.contains("Acme Corp"),
        "{}",
        org_table.stdout
    );

    // Pat's home organization clones Pat into Acme, lists and removes the clone.
    let clones = cli
        .run(
            &["clones", "add", ACME, PAT, "--profile", "partner", "--json"],
            &[],
        )
        .await
        .ok()
        .json();
    assert_eq!(clones.as_array().map(Vec::len), Some(1), "{clones}");
    let listed = cli
        .run(&["clones", "list", ACME, "--profile", "partner"], &[])
        .await
        .ok();
    assert!(listed.stdout.contains("CLONE ID"), "{}", listed.stdout);
    assert_eq!(listed.stdout.lines().count(), 2, "{}", listed.stdout);
    cli.run(
        &["clones", "remove", ACME, PAT, "--profile", "partner"],
        &[],
    )
    .await
    .ok();
    let listed = cli
        .run(
            &["clones", "list", ACME, "--profile", "partner", "--json"],
            &[],
        )
        .await
        .ok()
        .json();
    assert_eq!(listed, Value::Array(vec![]));

    // The trustor's audit trail names the trust's events.
    let audits = cli
        .run(
            &[
                "audits",
                "query",
                "--trustee",
                PARTNER,
                "--profile",
                "acme",
                "--json",
            ],
            &[],
        )
        .await
        .ok()
        .json();
    assert!(audits["total"].as_i64().is_some(), "{audits}");
    let table = cli
        .run(
            &["audits", "query", "--trustee", PARTNER, "--profile", "acme"],
            &[],
        )
        .await
        .ok();
    assert!(table.stdout.contains("ACTION"), "{}", table.stdout);

    // Disabled: Pat's token no longer works in Acme, an API error (exit 3).
    let disabled = cli
        .run(
            &[
                "trustees",
                "disable",
                PARTNER,
                "--profile",
                "acme",
                "--json",
            ],
            &[],
        )
        .await
        .ok()
        .json();
    assert_eq!(disabled["enabled"], false);
    let refused = cli
        .run(&["org", "show", "--profile", "pat", "--json"], &[])
        .await
        .failed(EXIT_API);
    let body = refused.stderr_json();
    assert!(
        body["status"]
            .as_i64()
            .is_some_and(|s| s == 401 || s == 403),
        "{body}"
    );

    // Deleted: gone, and asking for it is a 404 with the Genesys code.
    cli.run(&["trustees", "delete", PARTNER, "--profile", "acme"], &[])
        .await
        .ok();
    let missing = cli
        .run(&["trustees", "show", PARTNER, "--profile", "acme"], &[])
        .await
        .failed(EXIT_API);
    assert!(missing.stderr.contains("HTTP 404"), "{}", missing.stderr);
    assert!(
        missing.stderr.contains("code not.found"),
        "{}",
        missing.stderr
    );
    let missing = cli
        .run(
            &["trustees", "show", PARTNER, "--profile", "acme", "--json"],
            &[],
        )
        .await
        .failed(EXIT_API);
    let body = missing.stderr_json();
    assert_eq!(body["status"], 404);
    assert_eq!(body["code"], "not.found");
    let empty = cli
        .run(&["trustees", "list", "--profile", "acme", "--json"], &[])
        .await
        .ok()
        .json();
    assert_eq!(empty, Value::Array(vec![]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn org_views_and_error_exits() {
    let live = serve().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli { config: dir.path() };
    cli.login_client(&live.base, "default", "acme-admin")
        .await
        .ok();

    // The default profile, tables and JSON.
    let features = cli.run(&["org", "features"], &[]).await.ok();
    assert!(features.stdout.contains("FEATURE"), "{}", features.stdout);
    let settings = cli
        .run(&["org", "settings", "--json"], &[])
        .await
        .ok()
        .json();
    assert!(settings.is_object(), "{settings}");
    let namespaces = cli.run(&["org", "limits", "--json"], &[]).await.ok().json();
    let first = namespaces[0]["name"]
        .as_str()
        .expect("a namespace")
        .to_owned();
    let limits = cli.run(&["org", "limits", &first], &[]).await.ok();
    assert!(limits.stdout.contains("KEY"), "{}", limits.stdout);

    // Usage errors: a missing argument, an unknown profile, a malformed grant.
    cli.run(&["trustees", "show"], &[]).await.failed(EXIT_USAGE);
    let nobody = cli
        .run(&["trustees", "list", "--profile", "nobody"], &[])
        .await
        .failed(EXIT_USAGE);
    assert!(
        nobody.stderr.contains("orgtrust login"),
        "{}",
        nobody.stderr
    );
    cli.run(
        &[
            "trustee-users",
            "add",
            PARTNER,
            PAT,
            "--grant",
            "no-division",
        ],
        &[],
    )
    .await
    .failed(EXIT_USAGE);

    // API errors: a wrong secret (OAuth) and a bulk command whose items fail.
    let wrong = cli
        .run(
            &[
                "login",
                "--profile",
                "bad",
                "--server",
                &live.base,
                "--client-id",
                "acme-admin",
            ],
            &[("ORGTRUST_CLIENT_SECRET", "wrong")],
        )
        .await
        .failed(EXIT_API);
    assert!(wrong.stderr.contains("invalid_client"), "{}", wrong.stderr);
    let bulk = cli
        .run(&["trustee-users", "remove", PARTNER, PAT, SAM], &[])
        .await
        .failed(EXIT_API);
    assert!(bulk.stderr.contains("2 of 2 failed"), "{}", bulk.stderr);

    // A server that is not there: a connection error.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
        l.local_addr().expect("addr")
    };
    let down = cli
        .run(
            &[
                "login",
                "--profile",
                "down",
                "--server",
                &format!("http://{closed}"),
                "--client-id",
                "x",
            ],
            &[("ORGTRUST_CLIENT_SECRET", "y")],
        )
        .await
        .failed(EXIT_CONNECTION);
    assert!(
        down.stderr.contains("cannot reach the server"),
        "{}",
        down.stderr
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn directory_lookups_and_grants_by_name() {
    let live = serve().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli { config: dir.path() };
    let base = live.base.as_str();
    cli.login_client(base, "acme", "acme-admin").await.ok();
    let acme = [("ORGTRUST_PROFILE", "acme")];

    // The four listings, as tables and as the API's JSON.
    let users = cli.run(&["users", "list"], &acme).await.ok();
    assert!(users.stdout.contains("USER ID"), "{}", users.stdout);
    assert!(
        users
            .stdout
            .lines()
            .any(|l| l.contains("Emil Europe") && l.contains("EMEA") && l.contains("active")),
        "{}",
        users.stdout
    );
    let users = cli
        .run(&["users", "list", "--json"], &acme)
        .await
        .ok()
        .json();
    let emails: Vec<&str> = users
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|u| u["email"].as_str())
        .collect();
    assert_eq!(emails.len(), 2, "{users}");
    assert!(emails.contains(&"ann@acme.example"), "{users}");
    let roles = cli.run(&["roles", "list"], &acme).await.ok();
    assert!(
        roles
            .stdout
            .lines()
            .any(|l| l.contains(USER_VIEWER) && l.contains("User Viewer")),
        "{}",
        roles.stdout
    );
    let roles = cli
        .run(&["roles", "list", "--json"], &acme)
        .await
        .ok()
        .json();
    assert_eq!(roles.as_array().expect("array").len(), 3, "{roles}");
    let divisions = cli.run(&["divisions", "list"], &acme).await.ok();
    assert!(
        divisions
            .stdout
            .lines()
            .any(|l| l.contains(HOME_DIV) && l.contains("Home") && l.contains("yes")),
        "{}",
        divisions.stdout
    );
    let divisions = cli
        .run(&["divisions", "list", "--json"], &acme)
        .await
        .ok()
        .json();
    let ids: Vec<&str> = divisions
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|d| d["id"].as_str())
        .collect();
    assert!(
        ids.contains(&HOME_DIV) && ids.contains(&EMEA_DIV),
        "{divisions}"
    );
    let groups = cli.run(&["groups", "list"], &acme).await.ok();
    assert!(
        groups.stdout.lines().any(|l| l.contains("Acme Admins")),
        "{}",
        groups.stdout
    );
    let groups = cli
        .run(&["groups", "list", "--json"], &acme)
        .await
        .ok()
        .json();
    assert_eq!(groups[0]["memberCount"], 1, "{groups}");

    // A trust whose grants name the role and the division.
    cli.login_client(base, "partner", "partner-admin")
        .await
        .ok();
    let pairing = cli
        .run(
            &[
                "pairings",
                "create",
                "--user",
                PAT,
                "--profile",
                "partner",
                "--json",
            ],
            &[],
        )
        .await
        .ok()
        .json();
    let pairing_id = pairing["id"].as_str().expect("pairing id");
    let trust = cli
        .run(
            &[
                "trustees",
                "create",
                "--pairing",
                pairing_id,
                "--role",
                "Trust Auditor",
                "--json",
            ],
            &acme,
        )
        .await
        .ok()
        .json();
    assert_eq!(trust["id"], PARTNER);
    let roles = cli
        .run(&["trustee-users", "roles", PARTNER, PAT, "--json"], &acme)
        .await
        .ok()
        .json();
    assert_eq!(roles["roles"][0]["id"], TRUST_AUDITOR, "{roles}");
    cli.run(
        &[
            "trustee-users",
            "add",
            PARTNER,
            PAT,
            "--grant",
            "User Viewer:EMEA",
        ],
        &acme,
    )
    .await
    .ok();
    let grants = cli
        .run(&["trustee-users", "list", PARTNER, "--json"], &acme)
        .await
        .ok();
    assert!(grants.stdout.contains(PAT), "{}", grants.stdout);
    // What the grant gives: Pat, signed in to Acme, sees EMEA's users only.
    cli.run(
        &[
            "login",
            "--profile",
            "pat",
            "--server",
            base,
            "--client-id",
            "partner-admin",
            "--username",
            "pat@partner.example",
            "--target",
            ACME,
        ],
        &[
            ("ORGTRUST_CLIENT_SECRET", "partner-admin-secret"),
            ("ORGTRUST_PASSWORD", "Partner-pat-1!"),
        ],
    )
    .await
    .ok();
    let seen = cli
        .run(&["users", "list", "--json", "--profile", "pat"], &[])
        .await
        .ok()
        .json();
    let names: Vec<&str> = seen
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|u| u["name"].as_str())
        .collect();
    assert_eq!(names, ["Emil Europe"], "{seen}");
    // Mixed ids and names, and `*` for every division.
    cli.run(
        &[
            "trustee-users",
            "roles",
            PARTNER,
            PAT,
            "--grant",
            &format!("{USER_VIEWER}:Home"),
            "--grant",
            "Trust Auditor:*",
        ],
        &acme,
    )
    .await
    .ok();

    // Names that match nothing, or several: usage errors naming what to do.
    let unknown = cli
        .run(
            &[
                "trustee-users",
                "add",
                PARTNER,
                PAT,
                "--grant",
                "No Such Role:EMEA",
            ],
            &acme,
        )
        .await
        .failed(EXIT_USAGE);
    assert!(
        unknown
            .stderr
            .contains("no role with the id or name \"No Such Role\"")
            && unknown.stderr.contains("orgtrust roles list"),
        "{}",
        unknown.stderr
    );
    let unknown = cli
        .run(
            &[
                "trustee-users",
                "add",
                PARTNER,
                PAT,
                "--grant",
                "User Viewer:Mars",
            ],
            &acme,
        )
        .await
        .failed(EXIT_USAGE);
    assert!(
        unknown
            .stderr
            .contains("no division with the id or name \"Mars\""),
        "{}",
        unknown.stderr
    );
    // Names are exact (this server refuses two roles or divisions of one name, so several
    // matches, an error listing them, are checked in the unit tests of `directory.rs`).
    let inexact = cli
        .run(
            &[
                "trustee-users",
                "add",
                PARTNER,
                PAT,
                "--grant",
                "user viewer:EMEA",
            ],
            &acme,
        )
        .await
        .failed(EXIT_USAGE);
    assert!(inexact.stderr.contains("no role"), "{}", inexact.stderr);

    // `trustees expire` needs --at, --now or --never; --now expires at once.
    let bare = cli
        .run(&["trustees", "expire", PARTNER], &acme)
        .await
        .failed(EXIT_USAGE);
    assert!(bare.stderr.contains("--at"), "{}", bare.stderr);
    let shown = cli
        .run(&["trustees", "show", PARTNER, "--json"], &acme)
        .await
        .ok()
        .json();
    assert!(shown.get("dateExpired").is_none(), "not expired: {shown}");
    cli.run(&["trustees", "expire", PARTNER, "--at", "--now"], &acme)
        .await
        .failed(EXIT_USAGE);
    let later = cli
        .run(
            &[
                "trustees",
                "expire",
                PARTNER,
                "--at",
                "2031-01-02",
                "--json",
            ],
            &acme,
        )
        .await
        .ok()
        .json();
    assert_eq!(later["dateExpired"], "2031-01-02T00:00:00.000Z", "{later}");
    let never = cli
        .run(&["trustees", "expire", PARTNER, "--never", "--json"], &acme)
        .await
        .ok()
        .json();
    assert!(never.get("dateExpired").is_none(), "{never}");
    cli.run(&["trustees", "expire", PARTNER, "--now"], &acme)
        .await
        .ok();
    // Expired: Pat's token through the trust stops working.
    cli.run(&["users", "list", "--profile", "pat"], &[])
        .await
        .failed(EXIT_API);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_url_needs_its_scheme() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cli = Cli { config: dir.path() };
    let bare = cli
        .run(
            &[
                "login",
                "--server",
                "127.0.0.1:8080",
                "--client-id",
                "acme-admin",
            ],
            &[("ORGTRUST_CLIENT_SECRET", "acme-admin-secret")],
        )
        .await
        .failed(EXIT_USAGE);
    assert!(
        bare.stderr.contains("add http://") && bare.stderr.contains("http://127.0.0.1:8080"),
        "{}",
        bare.stderr
    );
    let export = cli
        .run(&["export", "--server", "localhost:8080"], &[])
        .await
        .failed(EXIT_USAGE);
    assert!(export.stderr.contains("add http://"), "{}", export.stderr);
}
