package eu.federator.credentials.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/** Classifies target addresses that outbound fetches must not reach unless private networks are allowed. */
final class AddressRules {
    private AddressRules() {
    }

    /** @return why the address is not a public unicast address, or empty when it is */
    static Optional<String> nonPublic(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return ipv4(b);
        }
        return ipv6(b);
    }

    private static Optional<String> ipv4(byte[] b) {
        int a0 = b[0] & 0xff;
        int a1 = b[1] & 0xff;
        int a2 = b[2] & 0xff;
        if (a0 == 0) {
            return Optional.of("an unspecified (\"this network\", 0.0.0.0/8) address");
        }
        if (a0 == 127) {
            return Optional.of("a loopback address");
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xf0) == 16) || (a0 == 192 && a1 == 168)) {
            return Optional.of("a private (site-local) address");
        }
        if (a0 == 169 && a1 == 254) {
            return Optional.of("a link-local address (169.254/16, where cloud metadata services live)");
        }
        if (a0 == 100 && (a1 & 0xc0) == 64) {
            return Optional.of("a carrier-grade NAT (100.64/10) address");
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return Optional.of("an IETF protocol assignment (192.0.0/24) address");
        }
        if (a0 == 198 && (a1 & 0xfe) == 18) {
            return Optional.of("a benchmarking (198.18/15) address");
        }
        if (a0 >= 224 && a0 <= 239) {
            return Optional.of("a multicast address");
        }
        if (a0 >= 240) {
            return Optional.of("a reserved or broadcast (240/4) address");
        }
        return Optional.empty();
    }

    private static Optional<String> ipv6(byte[] b) {
        boolean first80Zero = true;
        for (int i = 0; i < 10; i++) {
            first80Zero &= b[i] == 0;
        }
        boolean first96Zero = first80Zero && b[10] == 0 && b[11] == 0;
        if (first96Zero) {
            boolean restZero = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (restZero && b[15] == 0) {
                return Optional.of("the unspecified address (::)");
            }
            if (restZero && b[15] == 1) {
                return Optional.of("a loopback address");
            }
            // IPv4-compatible ::a.b.c.d (deprecated, still routed by some stacks to the IPv4 address)
            return embedded(b, 12, "IPv4-compatible");
        }
        if (first80Zero && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            return embedded(b, 12, "IPv4-mapped");
        }
        int b0 = b[0] & 0xff;
        int b1 = b[1] & 0xff;
        if (b0 == 0xfe && (b1 & 0xc0) == 0x80) {
            return Optional.of("a link-local address (fe80::/10)");
        }
        if (b0 == 0xfe && (b1 & 0xc0) == 0xc0) {
            return Optional.of("a site-local address (fec0::/10)");
        }
        if ((b0 & 0xfe) == 0xfc) {
            return Optional.of("a unique-local address (fc00::/7)");
        }
        if (b0 == 0xff) {
            return Optional.of("a multicast address");
        }
        // NAT64 well-known prefix 64:ff9b::/96 and 6to4 2002::/16 carry an IPv4 address that gets reached
        if (b0 == 0x00 && b1 == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            boolean zero = true;
            for (int i = 4; i < 12; i++) {
                zero &= b[i] == 0;
            }
            if (zero) {
                return embedded(b, 12, "NAT64");
            }
        }
        if (b0 == 0x20 && b1 == 0x02) {
            return embedded(b, 2, "6to4");
        }
        return Optional.empty();
    }

    private static Optional<String> embedded(byte[] b, int offset, String form) {
        byte[] v4 = {b[offset], b[offset + 1], b[offset + 2], b[offset + 3]};
        return ipv4(v4).map(reason -> "the " + form + " form of " + text(v4) + ", " + reason);
    }

    private static String text(byte[] v4) {
        try {
            return ((Inet4Address) InetAddress.getByAddress(v4)).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
