package io.khabar.ingest;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses ingest may fetch from (protection against server-side request forgery: a feed or page naming
 * {@code http://127.0.0.1:9464/metrics} or a cloud metadata service). By default only public unicast addresses
 * are allowed; refused are loopback, unspecified, private (RFC 1918), carrier-grade NAT (100.64/10), link-local
 * (169.254/16 with the cloud metadata address 169.254.169.254, fe80::/10), unique-local (fc00::/7), site-local
 * (fec0::/10), multicast, broadcast, documentation, benchmarking and reserved ranges, and IPv6 forms that embed
 * an IPv4 address (IPv4-mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16, Teredo), judged by the
 * embedded address. {@code --allow-private-addresses} turns the check off (intranets, tests).
 */
public final class AddressPolicy {

    private AddressPolicy() {}

    /** Null when the address is a public unicast address, else what it is (e.g. {@code loopback}). */
    public static String blockedReason(InetAddress a) {
        if (a instanceof Inet4Address) {
            return ipv4(a.getAddress());
        }
        if (a instanceof Inet6Address) {
            return ipv6(a.getAddress());
        }
        return "an unknown kind of address";
    }

    private static String ipv4(byte[] b) {
        int a0 = b[0] & 0xFF;
        int a1 = b[1] & 0xFF;
        int a2 = b[2] & 0xFF;
        int a3 = b[3] & 0xFF;
        if (a0 == 0) {
            return "an unspecified or 'this network' address (0.0.0.0/8)";
        }
        if (a0 == 127) {
            return "a loopback address (127.0.0.0/8)";
        }
        if (a0 == 10 || (a0 == 172 && (a1 & 0xF0) == 16) || (a0 == 192 && a1 == 168)) {
            return "a private address (RFC 1918)";
        }
        if (a0 == 100 && (a1 & 0xC0) == 64) {
            return "a carrier-grade NAT address (100.64.0.0/10)";
        }
        if (a0 == 169 && a1 == 254) {
            return a2 == 169 && a3 == 254
                    ? "the cloud metadata address (169.254.169.254)"
                    : "a link-local address (169.254.0.0/16)";
        }
        if (a0 == 192 && a1 == 0 && a2 == 0) {
            return "an IETF protocol address (192.0.0.0/24)";
        }
        if ((a0 == 192 && a1 == 0 && a2 == 2)
                || (a0 == 198 && a1 == 51 && a2 == 100)
                || (a0 == 203 && a1 == 0 && a2 == 113)) {
            return "a documentation address (TEST-NET)";
        }
        if (a0 == 192 && a1 == 88 && a2 == 99) {
            return "a 6to4 relay anycast address (192.88.99.0/24)";
        }
        if (a0 == 198 && (a1 & 0xFE) == 18) {
            return "a benchmarking address (198.18.0.0/15)";
        }
        if (a0 >= 224 && a0 <= 239) {
            return "a multicast address (224.0.0.0/4)";
        }
        if (a0 >= 240) {
            return a0 == 255 && a1 == 255 && a2 == 255 && a3 == 255
                    ? "the broadcast address"
                    : "a reserved address (240.0.0.0/4)";
        }
        return null;
    }

    private static String ipv6(byte[] b) {
        boolean zeroTo10 = true;
        for (int i = 0; i < 10; i++) {
            zeroTo10 &= b[i] == 0;
        }
        if (zeroTo10 && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF) {
            return embedded("an IPv4-mapped address", b, 12);
        }
        if (zeroTo10 && b[10] == 0 && b[11] == 0) {
            boolean zeroTo15 = b[12] == 0 && b[13] == 0 && b[14] == 0;
            if (zeroTo15 && b[15] == 0) {
                return "the unspecified address (::)";
            }
            if (zeroTo15 && b[15] == 1) {
                return "the loopback address (::1)";
            }
            return embedded("an IPv4-compatible address", b, 12);
        }
        int w0 = ((b[0] & 0xFF) << 8) | (b[1] & 0xFF);
        int w1 = ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            boolean wkp = true;
            for (int i = 4; i < 12; i++) {
                wkp &= b[i] == 0;
            }
            return wkp ? embedded("a NAT64 address", b, 12) : "a local-use NAT64 address (64:ff9b:1::/48)";
        }
        if (w0 == 0x2002) {
            return embedded("a 6to4 address", b, 2);
        }
        if (w0 == 0x2001 && w1 == 0x0000) {
            return "a Teredo address (2001::/32)";
        }
        if (w0 == 0x2001 && w1 == 0x0db8) {
            return "a documentation address (2001:db8::/32)";
        }
        if (w0 == 0x2001 && (w1 & 0xFE00) == 0) {
            return "an IETF protocol address (2001::/23)";
        }
        if (w0 == 0x0100 && w1 == 0 && b[4] == 0 && b[5] == 0 && b[6] == 0 && b[7] == 0) {
            return "a discard-only address (100::/64)";
        }
        if ((b[0] & 0xFE) == 0xFC) {
            return "a unique-local address (fc00::/7)";
        }
        if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0x80) {
            return "a link-local address (fe80::/10)";
        }
        if ((b[0] & 0xFF) == 0xFE && (b[1] & 0xC0) == 0xC0) {
            return "a site-local address (fec0::/10)";
        }
        if ((b[0] & 0xFF) == 0xFF) {
            return "a multicast address (ff00::/8)";
        }
        if ((b[0] & 0xE0) != 0x20) {
            return "a reserved address (outside 2000::/3, the global unicast range)";
        }
        return null;
    }

    private static String embedded(String kind, byte[] b, int at) {
        byte[] v4 = {b[at], b[at + 1], b[at + 2], b[at + 3]};
        String inner = ipv4(v4);
        return inner == null ? null : kind + " of " + inner;
    }
}
