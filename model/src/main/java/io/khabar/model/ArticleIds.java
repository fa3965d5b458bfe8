package io.khabar.model;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Stable article ids and content hashes, shared by every stage so that they agree. */
public final class ArticleIds {

    private ArticleIds() {}

    /** {@code sha256:} + hex SHA-256 of {@code title + "\n" + body} in UTF-8; null parts count as empty. */
    public static String contentHash(String title, String body) {
        return "sha256:" + sha256Hex((title == null ? "" : title) + "\n" + (body == null ? "" : body));
    }

    /**
     * The article id: {@code u-} + the first 32 hex digits of the SHA-256 of the canonical URL when there is a URL,
     * else {@code c-} + the first 32 hex digits of the content hash. Stable across re-ingestion.
     */
    public static String idFor(String url, String contentHash) {
        if (url != null && !url.isBlank()) {
            return "u-" + sha256Hex(canonicalUrl(url)).substring(0, 32);
        }
        String hex = contentHash.startsWith("sha256:") ? contentHash.substring(7) : sha256Hex(contentHash);
        return "c-" + hex.substring(0, 32);
    }

    /**
     * A canonical form of a URL for identity: scheme and host lower-cased, default port, fragment and trailing
     * slash dropped. Query strings are kept (news sites use them for article ids).
     */
    public static String canonicalUrl(String url) {
        try {
            URI u = URI.create(url.trim()).normalize();
            if (u.getScheme() == null || u.getHost() == null) {
                return url.trim();
            }
            String scheme = u.getScheme().toLowerCase(Locale.ROOT);
            int port = u.getPort();
            boolean defaultPort =
                    port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
            String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath();
            if (path.length() > 1 && path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port) + path
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        } catch (IllegalArgumentException e) {
            return url.trim();
        }
    }

    static String sha256Hex(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
