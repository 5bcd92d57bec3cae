//! The client address (the TCP peer's IP) that per-client limits count under: failed logins, codes
//! sent, account lookups. Never a header such as `X-Forwarded-For`, which the client writes itself.

use std::net::{IpAddr, SocketAddr};

use axum::{Extension, extract::ConnectInfo};

/// The client's address, when the server was started with connect info (`main.rs` does; tests
/// through `oneshot` may add it as a request extension). Without it only the other limits apply.
pub type Peer = Option<Extension<ConnectInfo<SocketAddr>>>;

/// The key the per-client limits count `peer` under, if it is known.
pub fn client_of(peer: &Peer) -> Option<String> {
    peer.as_ref().map(|Extension(ConnectInfo(addr))| address_key(addr.ip()))
}

/// What the per-address limit counts under: an IPv4 address, or the /64 network of an IPv6 one.
/// One subscriber gets a whole /64, so counting single IPv6 addresses would let one client
/// rotate through 2^64 of them. An IPv4 address mapped into IPv6 counts as itself.
fn address_key(ip: IpAddr) -> String {
    let v6 = match ip {
        IpAddr::V4(v4) => return v4.to_string(),
        IpAddr::V6(v6) => v6,
    };
    if let Some(v4) = v6.to_ipv4_mapped() {
        return v4.to_string();
    }
    let [a, b, c, d, ..] = v6.segments();
    format!("{a:x}:{b:x}:{c:x}:{d:x}::/64")
}

#[cfg(test)]
mod tests {
    use super::address_key;

    #[test]
    fn ipv6_addresses_count_by_their_64_network_and_mapped_ipv4_as_itself() {
        let key = |ip: &str| address_key(ip.parse().unwrap());
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_eq!(key("::ffff:203.0.113.7"), "203.0.113.7");
        assert_eq!(key("2001:db8:1:2::1"), "2001:db8:1:2::/64");
        assert_eq!(key("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:3::1"), key("2001:db8:1:2::1"));
    }
}
