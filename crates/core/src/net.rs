//! Network addresses: CIDR blocks (the organization IP allowlist, the trusted proxies) and the
//! client address of a request behind trusted proxies. Small on purpose: IPv4 and IPv6 prefixes
//! and containment are all the domain needs.

use std::net::IpAddr;

/// A CIDR block, IPv4 or IPv6 (`10.0.0.0/8`, `2001:db8::/32`; a bare address is a full-length
/// prefix).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cidr {
    addr: IpAddr,
    prefix: u8,
}

/// Why a CIDR block was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("[{0}] is not a CIDR block")]
pub struct CidrError(pub String);

impl Cidr {
    /// Parses `address/prefix` or a bare address.
    pub fn parse(s: &str) -> Result<Self, CidrError> {
        let bad = || CidrError(s.to_owned());
        let s = s.trim();
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (s, None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| bad())?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) if !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()) => {
                p.parse::<u8>().map_err(|_| bad())?
            }
            Some(_) => return Err(bad()),
        };
        if prefix > max {
            return Err(bad());
        }
        Ok(Self { addr, prefix })
    }

    /// Is this an IPv4 block?
    pub fn is_ipv4(&self) -> bool {
        self.addr.is_ipv4()
    }

    /// Does the block contain `ip`? (An IPv4-mapped IPv6 address counts as IPv4.)
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

/// IPv4 ranges that are not public (RFC 6890's special-purpose registry, less the documentation
/// ranges, which stand for public addresses in examples), with what each is.
const NOT_PUBLIC_V4: &[(&str, &str)] = &[
    ("0.0.0.0/8", "\"this network\""),
    ("10.0.0.0/8", "private"),
    ("100.64.0.0/10", "shared (carrier-grade NAT)"),
    ("127.0.0.0/8", "loopback"),
    ("169.254.0.0/16", "link-local"),
    ("172.16.0.0/12", "private"),
    ("192.0.0.0/24", "IETF protocol assignments"),
    ("192.168.0.0/16", "private"),
    ("198.18.0.0/15", "benchmarking"),
    ("224.0.0.0/4", "multicast"),
    ("240.0.0.0/4", "reserved"),
];

impl Cidr {
    /// Do the two blocks share an address?
    pub fn overlaps(&self, other: &Cidr) -> bool {
        self.contains(other.addr) || other.contains(self.addr)
    }

    /// Is every address of this block in `other`?
    pub fn within(&self, other: &Cidr) -> bool {
        self.is_ipv4() == other.is_ipv4()
            && self.prefix >= other.prefix
            && other.contains(self.addr)
    }

    /// The non-public IPv4 range this block overlaps, as (range, what it is); `None` for a block
    /// of public addresses only. IPv6 blocks are not classified here.
    pub fn non_public_v4(&self) -> Option<(&'static str, &'static str)> {
        if !self.is_ipv4() {
            return None;
        }
        NOT_PUBLIC_V4
            .iter()
            .copied()
            .find(|(range, _)| Cidr::parse(range).is_ok_and(|reserved| reserved.overlaps(self)))
    }
}

impl std::fmt::Display for Cidr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.addr, self.prefix)
    }
}

/// Parses a comma-separated list of CIDR blocks (the `--trusted-proxy` setting).
pub fn parse_cidr_list(s: &str) -> Result<Vec<Cidr>, CidrError> {
    s.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(Cidr::parse)
        .collect()
}

/// The client address of a request: the TCP peer, unless the peer is a trusted proxy, in which
/// case `X-Forwarded-For` is read from the right, skipping trusted proxies, and the first
/// untrusted hop is the client. A client cannot forge its address by sending the header itself:
/// only hops appended by trusted proxies are believed.
pub fn client_ip(peer: IpAddr, forwarded_for: &[&str], trusted: &[Cidr]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|c| c.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let hops = forwarded_for
        .iter()
        .flat_map(|h| h.split(','))
        .map(str::trim)
        .filter(|h| !h.is_empty())
        .collect::<Vec<_>>();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) => {
                client = ip;
                if !is_trusted(ip) {
                    break;
                }
            }
            // Garbage in the chain: stop believing it and use the last good hop.
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("ip")
    }

    #[test]
    fn cidr_contains() {
        let c = Cidr::parse("10.1.0.0/16").expect("cidr");
        assert!(c.contains(ip("10.1.2.3")));
        assert!(!c.contains(ip("10.2.0.1")));
        assert!(c.contains(ip("::ffff:10.1.9.9")));
        assert!(Cidr::parse("0.0.0.0/0")
            .expect("all")
            .contains(ip("8.8.8.8")));
        assert!(Cidr::parse("1.2.3.4")
            .expect("bare")
            .contains(ip("1.2.3.4")));
        assert!(Cidr::parse("2001:db8::/32")
            .expect("v6")
            .contains(ip("2001:db8::1")));
        for bad in [
            "10.0.0.0/33",
            "10.0.0/8",
            "x",
            "10.0.0.0/",
            "10.0.0.0/-1",
            "",
        ] {
            assert!(Cidr::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn public_and_non_public_blocks() {
        for public in ["8.8.8.0/24", "198.51.100.0/24", "203.0.113.5", "1.0.0.0/8"] {
            assert_eq!(
                Cidr::parse(public).expect("cidr").non_public_v4(),
                None,
                "{public}"
            );
        }
        for (block, kind) in [
            ("10.0.0.0/8", "private"),
            ("10.1.2.3", "private"),
            ("172.20.0.0/16", "private"),
            ("192.168.1.0/24", "private"),
            ("127.0.0.1/32", "loopback"),
            ("169.254.0.0/16", "link-local"),
            ("100.100.0.0/16", "shared (carrier-grade NAT)"),
            ("224.0.0.1", "multicast"),
            ("255.255.255.255", "reserved"),
            // A wide block that takes in a private range is not public either.
            ("8.0.0.0/5", "private"),
            ("0.0.0.0/0", "\"this network\""),
        ] {
            let found = Cidr::parse(block).expect("cidr").non_public_v4();
            assert_eq!(found.map(|f| f.1), Some(kind), "{block}");
        }
    }

    #[test]
    fn forwarded_for_only_from_trusted_proxies() {
        let trusted = parse_cidr_list("127.0.0.1/32, 10.0.0.0/8").expect("list");
        // Untrusted peer: the header is ignored.
        assert_eq!(
            client_ip(ip("203.0.113.9"), &["1.1.1.1"], &trusted),
            ip("203.0.113.9")
        );
        // Trusted peer: the rightmost untrusted hop is the client.
        assert_eq!(
            client_ip(
                ip("127.0.0.1"),
                &["6.6.6.6, 198.51.100.7, 10.0.0.2"],
                &trusted
            ),
            ip("198.51.100.7")
        );
        // Trusted peer without the header: the peer.
        assert_eq!(client_ip(ip("127.0.0.1"), &[], &trusted), ip("127.0.0.1"));
    }
}
