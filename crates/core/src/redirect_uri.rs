//! Matching a requested OAuth redirect URI against a client's registered ones.
//!
//! Exact string equality, plus RFC 8252 section 7.3 for loopback addresses: a registered
//! `http://127.0.0.1/path` (also `[::1]` and `localhost`) *without a port* matches the same URI
//! with any port. That is how the console's client (registered once in the demo fixture) works
//! with a server whose port is chosen at run time; a registration with a port stays exact.

const LOOPBACK_HOSTS: [&str; 3] = ["127.0.0.1", "[::1]", "localhost"];

/// An `http://` URI split into host, port and the rest (path, query, fragment).
fn split_http(uri: &str) -> Option<(&str, Option<&str>, &str)> {
    let after = uri.strip_prefix("http://")?;
    let end = after.find(['/', '?', '#']).unwrap_or(after.len());
    let (authority, rest) = after.split_at(end);
    if authority.contains('@') {
        return None;
    }
    let (host, port) = if authority.starts_with('[') {
        let close = authority.find(']')?;
        let (host, tail) = authority.split_at(close + 1);
        match tail {
            "" => (host, None),
            t => (host, Some(t.strip_prefix(':')?)),
        }
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    Some((host, port, rest))
}

/// True when `requested` may be used as the redirect of a client that registered `registered`.
pub fn matches(registered: &str, requested: &str) -> bool {
    if registered == requested {
        return true;
    }
    let (Some((r_host, None, r_rest)), Some((q_host, Some(q_port), q_rest))) =
        (split_http(registered), split_http(requested))
    else {
        return false;
    };
    LOOPBACK_HOSTS.contains(&r_host)
        && r_host.eq_ignore_ascii_case(q_host)
        && r_rest == q_rest
        && !q_port.is_empty()
        && q_port.len() <= 5
        && q_port.bytes().all(|b| b.is_ascii_digit())
        && q_port.parse::<u16>().is_ok_and(|p| p > 0)
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn exact_uris_match() {
        assert!(matches("https://app.example/cb", "https://app.example/cb"));
        assert!(!matches(
            "https://app.example/cb",
            "https://app.example/cb2"
        ));
        assert!(!matches(
            "https://app.example/cb",
            "https://app.example:8443/cb"
        ));
    }

    #[test]
    fn a_portless_loopback_registration_matches_any_port() {
        for host in ["127.0.0.1", "[::1]", "localhost"] {
            let registered = format!("http://{host}/console/");
            assert!(matches(
                &registered,
                &format!("http://{host}:8080/console/")
            ));
            assert!(matches(
                &registered,
                &format!("http://{host}:41234/console/")
            ));
            // The path must be the same, the port a real one.
            assert!(!matches(&registered, &format!("http://{host}:8080/other/")));
            assert!(!matches(&registered, &format!("http://{host}:/console/")));
            assert!(!matches(&registered, &format!("http://{host}:0/console/")));
            assert!(!matches(
                &registered,
                &format!("http://{host}:99999/console/")
            ));
            assert!(!matches(
                &registered,
                &format!("http://{host}:80x/console/")
            ));
        }
    }

    #[test]
    fn other_hosts_schemes_and_ported_registrations_stay_exact() {
        assert!(!matches(
            "http://app.example/cb",
            "http://app.example:8080/cb"
        ));
        assert!(!matches("http://127.0.0.1/cb", "http://localhost:8080/cb"));
        assert!(!matches("http://127.0.0.1/cb", "https://127.0.0.1:8080/cb"));
        assert!(!matches(
            "http://127.0.0.1:8080/cb",
            "http://127.0.0.1:9090/cb"
        ));
        assert!(!matches(
            "http://127.0.0.1/cb",
            "http://127.0.0.1:8080@evil.example/cb"
        ));
        assert!(!matches(
            "http://127.0.0.1/cb",
            "http://127.0.0.1.evil.example:80/cb"
        ));
    }
}
