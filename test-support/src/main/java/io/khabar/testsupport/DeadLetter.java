package io.khabar.testsupport;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A record khabar put on its dead-letter topic: the refused record's key and value, unchanged, and khabar's
 * headers saying why ({@code khabar.dlq.reason}, {@code khabar.dlq.error.message}, {@code khabar.dlq.stage}, …;
 * see khabar's docs/record-model.md).
 *
 * @param key     the record's key, null if none
 * @param value   the record's value, null for a tombstone
 * @param headers header name to value (UTF-8 text; the last one when a name repeats)
 */
public record DeadLetter(String key, byte[] value, Map<String, String> headers) {

    /** Copies the headers. */
    public DeadLetter {
        headers = Map.copyOf(Objects.requireNonNull(headers, "headers"));
    }

    /** The header's value, null if absent. */
    public String header(String name) {
        return headers.get(name);
    }

    /** The value as UTF-8 text, null for a tombstone. */
    public String valueText() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DeadLetter d
                && Objects.equals(key, d.key)
                && Arrays.equals(value, d.value)
                && headers.equals(d.headers);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, Arrays.hashCode(value), headers);
    }

    @Override
    public String toString() {
        return "DeadLetter[key=" + key + ", reason=" + header("khabar.dlq.reason") + ", "
                + (value == null ? "tombstone" : value.length + " bytes") + "]";
    }
}
