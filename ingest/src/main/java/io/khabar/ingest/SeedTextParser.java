package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the seed text format: UTF-8, the first non-blank line is the headline, the rest are paragraphs
 * separated by blank lines. Line breaks inside a paragraph are kept; runs of blank lines become one paragraph
 * break; a UTF-8 byte-order mark is dropped.
 */
public final class SeedTextParser {

    /** A headline and a body. */
    public record TitleAndBody(String title, String body) {}

    private SeedTextParser() {}

    /** Decodes strictly as UTF-8: malformed or unmappable bytes are a {@link Rejection}, never replaced by '?'. */
    public static String decodeUtf8(byte[] bytes) throws Rejection {
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, (long) bytes.length + 1));
        java.nio.charset.CoderResult r = decoder.decode(in, out, true);
        if (!r.isError()) {
            r = decoder.flush(out);
        }
        if (r.isError()) {
            throw new Rejection(
                    DeadLetterReasons.INVALID_UTF8,
                    "not valid UTF-8 (at byte " + in.position() + ")" + otherEncoding(bytes) + "; save it as UTF-8");
        }
        return out.flip().toString();
    }

    /** Names an encoding the bytes' byte order mark (or NUL pattern) gives away, or "". */
    static String otherEncoding(byte[] b) {
        if (b.length >= 4 && b[0] == 0 && b[1] == 0 && (b[2] & 0xFF) == 0xFE && (b[3] & 0xFF) == 0xFF) {
            return ": it starts with a UTF-32BE byte order mark";
        }
        if (b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE && b[2] == 0 && b[3] == 0) {
            return ": it starts with a UTF-32LE byte order mark";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return ": it starts with a UTF-16BE byte order mark";
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return ": it starts with a UTF-16LE byte order mark";
        }
        return "";
    }

    /** Parses decoded text. */
    public static TitleAndBody parse(String text) throws Rejection {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        if (i == lines.length) {
            throw new Rejection(DeadLetterReasons.EMPTY, "empty: no headline and no text");
        }
        String title = lines[i].strip();
        List<String> paragraphs = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (i = i + 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                if (current.length() > 0) {
                    paragraphs.add(current.toString());
                    current.setLength(0);
                }
            } else {
                if (current.length() > 0) {
                    current.append('\n');
                }
                current.append(line);
            }
        }
        if (current.length() > 0) {
            paragraphs.add(current.toString());
        }
        return new TitleAndBody(title, String.join("\n\n", paragraphs));
    }
}
