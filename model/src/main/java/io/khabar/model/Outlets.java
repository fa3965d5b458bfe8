package io.khabar.model;

import java.net.URI;
import java.util.Locale;

/** The outlet (publisher) of an article when the source does not name it: the host of its URL. */
public final class Outlets {

    private Outlets() {}

    /**
     * The host of an {@code http(s)} URL, lower-cased, without a leading {@code www.} ({@code urdu.geo.tv},
     * {@code bbc.com}); null for a null, relative or unparseable URL or another scheme.
     */
    public static String fromUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI u = URI.create(url.strip());
            String scheme = u.getScheme();
            String host = u.getHost();
            if (scheme == null
                    || host == null
                    || host.isBlank()
                    || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            if (host.endsWith(".")) {
                host = host.substring(0, host.length() - 1);
            }
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
