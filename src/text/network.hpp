#pragma once
// IP addresses and CIDR blocks: the one parser behind value types, peer matching and the consistency checks.

#include <optional>
#include <string_view>

namespace ecconf {

/// An IPv4 or IPv6 network; a plain address is a network of full length.
struct network {
    int family = 0;                ///< AF_INET or AF_INET6
    unsigned char bytes[16] = {};  ///< the address as written, not masked
    unsigned prefix = 0;
};

/// "10.0.0.0/8", "2001:db8::/32", or a bare address; nullopt for anything else (a prefix longer than the family's).
[[nodiscard]] std::optional<network> parse_network(std::string_view text);
/// True when `inner` lies inside `outer` (same family, longer or equal prefix, same leading bits).
[[nodiscard]] bool network_contains(const network& outer, const network& inner);
/// The network's address with the bits past its prefix cleared: two blocks are the same when these are equal.
[[nodiscard]] network masked(network n);

}  // namespace ecconf
