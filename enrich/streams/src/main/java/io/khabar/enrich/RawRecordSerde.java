package io.khabar.enrich;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.Json;
import io.khabar.model.RawArticle;
import java.io.IOException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for {@link RawRecord}: writes the original bytes back unchanged; reads and parses them, throwing
 * {@link RejectedRecordException} with a precise reason ({@code binary}, {@code invalid-utf8},
 * {@code malformed-json}, {@code not-an-object}, {@code wrong-types}) for the deserialisation handler.
 */
public final class RawRecordSerde implements Serde<RawRecord> {

    private static final ObjectReader ARTICLE = Json.mapper().readerFor(RawArticle.class);

    private final boolean checked;

    /** For the raw topic: every value is checked and parsed as it is read. */
    public RawRecordSerde() {
        this(false);
    }

    private RawRecordSerde(boolean checked) {
        this.checked = checked;
    }

    /**
     * For the app's own repartition topics, whose values were checked on the raw topic: read as bytes, parsed only
     * when a step asks for the article (saves a UTF-8 check and a parse of every article per repartition).
     */
    public static RawRecordSerde alreadyChecked() {
        return new RawRecordSerde(true);
    }

    @Override
    public Serializer<RawRecord> serializer() {
        return (topic, value) -> value == null ? null : value.bytes();
    }

    @Override
    public Deserializer<RawRecord> deserializer() {
        return checked
                ? (topic, bytes) -> bytes == null ? null : RawRecord.unparsed(bytes)
                : (topic, bytes) -> parse(bytes);
    }

    /** Parses raw-topic bytes; null stays null. */
    public static RawRecord parse(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (looksBinary(bytes)) {
            throw new RejectedRecordException(
                    DeadLetterReasons.BINARY, "value is binary data, not JSON text (" + bytes.length + " bytes)");
        }
        int malformed = firstMalformedUtf8(bytes);
        if (malformed >= 0) {
            throw new RejectedRecordException(
                    DeadLetterReasons.INVALID_UTF8,
                    "value is not valid UTF-8: malformed sequence at byte " + malformed + " of " + bytes.length);
        }
        if (firstNonBlank(bytes) != '{') {
            try {
                Json.mapper().readTree(bytes);
            } catch (IOException e) {
                throw new RejectedRecordException(
                        DeadLetterReasons.MALFORMED_JSON, "value is not JSON: " + firstLine(e.getMessage()), e);
            }
            throw new RejectedRecordException(
                    DeadLetterReasons.NOT_AN_OBJECT, "value is JSON but not an object; a raw article is a JSON object");
        }
        return new RawRecord(bytes, readArticle(bytes));
    }

    /** Binds bytes known to be UTF-8 JSON text to a {@link RawArticle}, with a precise reason when that fails. */
    static RawArticle readArticle(byte[] bytes) {
        try {
            return ARTICLE.readValue(bytes);
        } catch (StreamReadException e) {
            throw new RejectedRecordException(
                    DeadLetterReasons.MALFORMED_JSON, "value is not well-formed JSON: " + firstLine(e.getMessage()), e);
        } catch (DatabindException e) {
            throw new RejectedRecordException(
                    DeadLetterReasons.WRONG_TYPES, "value is not a RawArticle: " + firstLine(e.getMessage()), e);
        } catch (IOException | RuntimeException e) {
            throw new RejectedRecordException(
                    DeadLetterReasons.DESERIALIZATION, "cannot read RawArticle: " + firstLine(e.getMessage()), e);
        }
    }

    /** A NUL byte, or more than 1% C0 control bytes other than tab, CR and LF. */
    /**
     * The offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629: no overlong forms,
     * no surrogates, nothing past U+10FFFF), or -1. What a REPORTing decoder refuses, without decoding the value
     * into a char buffer first.
     */
    static int firstMalformedUtf8(byte[] b) {
        int n = b.length;
        int i = 0;
        while (i < n) {
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            int need = c < 0xC2 ? -1 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : c < 0xF5 ? 3 : -1;
            if (need < 0 || i + need >= n) {
                return i;
            }
            int c1 = b[i + 1] & 0xFF;
            if ((c1 & 0xC0) != 0x80
                    || (c == 0xE0 && c1 < 0xA0)
                    || (c == 0xED && c1 >= 0xA0)
                    || (c == 0xF0 && c1 < 0x90)
                    || (c == 0xF4 && c1 >= 0x90)) {
                return i;
            }
            for (int k = 2; k <= need; k++) {
                if ((b[i + k] & 0xC0) != 0x80) {
                    return i;
                }
            }
            i += need + 1;
        }
        return -1;
    }

    private static boolean looksBinary(byte[] bytes) {
        int control = 0;
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
            if (b > 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r') {
                control++;
            }
        }
        return control > 0 && control * 100L > bytes.length;
    }

    /** The first byte after a UTF-8 byte order mark and JSON white space, or -1. */
    private static int firstNonBlank(byte[] bytes) {
        int i = bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF
                ? 3
                : 0;
        for (; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\n' && b != '\r') {
                return b;
            }
        }
        return -1;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
