//! Who the client is: the socket peer, unless that peer is one of `BASMA_TRUSTED_PROXIES`,
//! in which case the forwarding headers name it. The context middleware resolves it once per
//! request; everything that needs it (rate limits, sessions, the audit log) reads it through
//! [`client_ip`], so no code reads the peer address or the headers by itself.
//!
//! `Forwarded` (RFC 7239) wins over `X-Forwarded-For` when both are present. Walking the
//! list from the right, every trusted proxy is skipped and the first address that is not one
//! is the client: whatever a client writes on the left of the list is never believed. An
//! entry that is not an IP address (`unknown`, an obfuscated name) ends the walk at the
//! nearest trusted hop.

use actix_web::http::header::HeaderMap;
use actix_web::{HttpMessage, HttpRequest};
use ipnet::IpNet;
use std::net::{IpAddr, SocketAddr};

/// The client address resolved for this request, kept in its extensions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

/// The client's IP address as resolved by the context middleware (the peer itself when the
/// middleware did not run, e.g. in a unit test).
pub fn client_ip(req: &HttpRequest) -> Option<IpAddr> {
    req.extensions()
        .get::<ClientIp>()
        .map(|c| c.0)
        .or_else(|| req.peer_addr().map(|a| a.ip().to_canonical()))
}

/// The proxies whose forwarding headers are believed (default: none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses a comma-separated list of CIDRs or single addresses
    /// (`10.0.0.0/8, 192.0.2.7, ::1`).
    ///
    /// # Errors
    /// The first entry that is neither, quoted.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .map(str::trim)
            .filter(|entry| !entry.is_empty())
            .map(|entry| {
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("{entry:?} is not a CIDR such as 10.0.0.0/8"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn contains(&self, ip: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&ip))
    }

    /// The client of a request that came from `peer` with `headers`.
    pub fn resolve(&self, peer: Option<IpAddr>, headers: &HeaderMap) -> Option<IpAddr> {
        let peer = peer?.to_canonical();
        if !self.contains(peer) {
            return Some(peer);
        }
        let mut client = peer;
        for hop in forwarded_chain(headers).into_iter().rev() {
            let Some(ip) = hop else { break };
            client = ip;
            if !self.contains(ip) {
                break;
            }
        }
        Some(client)
    }
}

/// The forwarded addresses, left (first client) to right (nearest proxy); `None` for an entry
/// that is not an address.
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let joined = |name: &str| {
        let values: Vec<&str> = headers
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    };
    if let Some(forwarded) = joined("forwarded") {
        return forwarded
            .split(',')
            .map(|element| {
                element.split(';').find_map(|pair| {
                    let (key, value) = pair.split_once('=')?;
                    key.trim()
                        .eq_ignore_ascii_case("for")
                        .then(|| value.trim().trim_matches('"'))
                })
            })
            .map(|node| node.and_then(parse_node))
            .collect();
    }
    joined("x-forwarded-for")
        .map(|xff| xff.split(',').map(|n| parse_node(n.trim())).collect())
        .unwrap_or_default()
}

/// `192.0.2.1`, `192.0.2.1:443`, `2001:db8::1` or `[2001:db8::1]:443`.
fn parse_node(node: &str) -> Option<IpAddr> {
    let ip = node
        .parse::<IpAddr>()
        .ok()
        .or_else(|| node.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| node.strip_prefix('[')?.strip_suffix(']')?.parse().ok())?;
    Some(ip.to_canonical())
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_headers_say() {
        let none = TrustedProxies::default();
        let h = headers(&[
            ("x-forwarded-for", "198.51.100.1"),
            ("forwarded", "for=1.2.3.4"),
        ]);
        assert_eq!(none.resolve(ip("127.0.0.1"), &h), ip("127.0.0.1"));
    }

    #[test]
    fn the_right_most_untrusted_address_is_the_client() {
        let trusted = TrustedProxies::parse("127.0.0.1/32, 10.0.0.0/8").unwrap();
        let h = headers(&[("x-forwarded-for", "203.0.113.9, 198.51.100.1, 10.1.2.3")]);
        assert_eq!(trusted.resolve(ip("127.0.0.1"), &h), ip("198.51.100.1"));
        // Several header lines form one list.
        let h = headers(&[
            ("x-forwarded-for", "203.0.113.9"),
            ("x-forwarded-for", "198.51.100.1"),
        ]);
        assert_eq!(trusted.resolve(ip("127.0.0.1"), &h), ip("198.51.100.1"));
        // An untrusted peer is the client even with headers.
        assert_eq!(trusted.resolve(ip("192.0.2.5"), &h), ip("192.0.2.5"));
        // No header: the proxy itself.
        assert_eq!(
            trusted.resolve(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
        // Only trusted hops: the left-most one.
        let h = headers(&[("x-forwarded-for", "10.0.0.9, 10.0.0.8")]);
        assert_eq!(trusted.resolve(ip("127.0.0.1"), &h), ip("10.0.0.9"));
    }

    #[test]
    fn forwarded_wins_and_its_quoted_ipv6_and_ports_are_read() {
        let trusted = TrustedProxies::parse("127.0.0.1").unwrap();
        let h = headers(&[
            (
                "forwarded",
                "for=\"[2001:db8::7]:4711\";proto=https, for=192.0.2.60:80",
            ),
            ("x-forwarded-for", "198.51.100.1"),
        ]);
        assert_eq!(trusted.resolve(ip("127.0.0.1"), &h), ip("192.0.2.60"));
        let h = headers(&[("forwarded", "For=\"[2001:db8::7]:4711\"")]);
        assert_eq!(trusted.resolve(ip("127.0.0.1"), &h), ip("2001:db8::7"));
    }

    #[test]
    fn an_entry_that_is_not_an_address_stops_at_the_nearest_trusted_hop() {
        let trusted = TrustedProxies::parse("127.0.0.1/32, 10.0.0.0/8").unwrap();
        let h = headers(&[("forwarded", "for=unknown, for=10.0.0.2")]);
        assert_eq!(trusted.resolve(ip("127.0.0.1"), &h), ip("10.0.0.2"));
        let h = headers(&[("x-forwarded-for", "not-an-ip")]);
        assert_eq!(trusted.resolve(ip("127.0.0.1"), &h), ip("127.0.0.1"));
    }

    #[test]
    fn ipv4_mapped_peers_match_ipv4_ranges() {
        let trusted = TrustedProxies::parse("127.0.0.0/8").unwrap();
        let h = headers(&[("x-forwarded-for", "198.51.100.1")]);
        assert_eq!(
            trusted.resolve(ip("::ffff:127.0.0.1"), &h),
            ip("198.51.100.1")
        );
    }

    #[test]
    fn a_bad_entry_is_named() {
        let err = TrustedProxies::parse("10.0.0.0/8, 10.0.0.0/99").unwrap_err();
        assert!(err.contains("10.0.0.0/99"), "{err}");
        assert!(TrustedProxies::parse("proxy.local").is_err());
        assert!(TrustedProxies::parse("").unwrap().is_empty());
    }
}
