package io.khabar.model;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * The one rule for what is a secret, used by every {@code --print-config}, log line and error message that shows
 * settings. A key is secret when Kafka itself types it {@code PASSWORD} (in the producer, consumer or admin client
 * definitions, with or without a Streams prefix such as {@code producer.} or {@code main.consumer.}), or when it
 * contains, case-insensitively, {@code password}, {@code secret}, {@code passphrase}, {@code token},
 * {@code credential}, {@code user.info} (also {@code user_info}), {@code jaas}, or ends in {@code .key}.
 */
public final class Redaction {

    /** What a secret value is printed as. */
    public static final String HIDDEN = "[hidden]";

    private static final Pattern SECRET_WORDS = Pattern.compile(
            "password|secret|passphrase|token|credential|user[._-]?info|jaas", Pattern.CASE_INSENSITIVE);
    /** {@code key=value} / {@code key: value} / {@code key="value"} inside free text, for secret-looking keys. */
    private static final Pattern SECRET_ASSIGNMENT = Pattern.compile(
            "(?i)([A-Za-z0-9_.-]*(?:password|secret|passphrase|token|credential|user[._-]?info|jaas)[A-Za-z0-9_.-]*)"
                    + "(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&\"']+)");

    private static final Set<String> KAFKA_PASSWORD_KEYS = kafkaPasswordKeys();

    private Redaction() {}

    /** True when the value of this key must never be printed. */
    public static boolean isSecret(String key) {
        if (key == null) {
            return false;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        if (SECRET_WORDS.matcher(lower).find() || lower.endsWith(".key")) {
            return true;
        }
        for (String k : KAFKA_PASSWORD_KEYS) {
            if (lower.equals(k) || lower.endsWith("." + k)) {
                return true;
            }
        }
        return false;
    }

    /** The value as it may be printed: {@link #HIDDEN} for a secret key, else the value itself. */
    public static String mask(String key, Object value) {
        return isSecret(key) ? HIDDEN : String.valueOf(value);
    }

    /** The settings as they may be printed, sorted by key; only plain values are shown, secrets as {@link #HIDDEN}. */
    public static Map<String, String> redacted(Map<?, ?> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(String.valueOf(k), mask(String.valueOf(k), v)));
        return out;
    }

    /**
     * Free text (an error message, a log line) with secrets removed: every value of a secret key in
     * {@code settings} that appears in it, and every {@code key=value} whose key looks secret (as in a JAAS line's
     * {@code password="…"} or a JDBC URL's {@code password=…}), become {@link #HIDDEN}.
     */
    public static String scrub(String text, Map<?, ?> settings) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (settings != null) {
            List<String> values = new java.util.ArrayList<>();
            settings.forEach((k, v) -> {
                String s = v == null ? null : String.valueOf(v);
                if (isSecret(String.valueOf(k)) && s != null && s.length() >= 4) {
                    values.add(s);
                }
            });
            values.sort(Comparator.comparingInt(String::length).reversed());
            for (String v : values) {
                out = out.replace(v, HIDDEN);
            }
        }
        return scrub(out);
    }

    /** Free text with every {@code key=value} whose key looks secret masked. */
    public static String scrub(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = SECRET_ASSIGNMENT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + m.group(2) + HIDDEN));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** Kafka's own PASSWORD-typed client keys (lower case). */
    public static Set<String> kafkaPasswordKeys() {
        if (KAFKA_PASSWORD_KEYS != null) {
            return KAFKA_PASSWORD_KEYS;
        }
        Set<String> keys = new LinkedHashSet<>();
        for (ConfigDef def :
                List.of(ProducerConfig.configDef(), ConsumerConfig.configDef(), AdminClientConfig.configDef())) {
            def.configKeys().forEach((name, key) -> {
                if (key.type == ConfigDef.Type.PASSWORD) {
                    keys.add(name.toLowerCase(Locale.ROOT));
                }
            });
        }
        return Collections.unmodifiableSet(keys);
    }
}
