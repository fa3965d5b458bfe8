package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
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
        try {
            CharBuffer chars = decoder.decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new Rejection(DeadLetterReasons.INVALID_UTF8, "not valid UTF-8 (" + e.getMessage() + ")");
        }
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
