package io.khabar.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.Json;
import io.khabar.model.OutsideText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Metadata of a text file, in either of two forms (the field names are those of {@link FieldMapping}):
 * <ul>
 *   <li>a header: the file starts with {@code key: value} lines (keys of ASCII letters, digits, {@code _} and
 *   {@code -}), ended by a line {@code ---}; the headline and paragraphs follow. Without the {@code ---} line, or
 *   with any other line before it, the file has no header and is read whole.</li>
 *   <li>a sidecar {@code NAME.meta.json} next to {@code NAME.txt}: one JSON object of strings.</li>
 * </ul>
 * The header wins over the sidecar for a key both give, and both win over the run's {@code --outlet} and
 * {@code --language}. A sidecar is confined and bounded like its text file; one that cannot be read rejects the text
 * file with the reason (see {@link #readSidecar(Path, Path, InputFiles.Options)}).
 */
public final class TextMetadata {

    /** Suffix of sidecar files; such files are never read as articles themselves. */
    public static final String SIDECAR_SUFFIX = ".meta.json";

    private static final Pattern LINE = Pattern.compile("([A-Za-z][A-Za-z0-9_-]{0,63})[ \\t]*:[ \\t]*(.*)");
    private static final int MAX_HEADER_LINES = 64;

    /** Metadata and the text after the header. */
    public record Parsed(Map<String, String> metadata, String text) {}

    private TextMetadata() {}

    /** Splits a header off the decoded text of a file; text without a header comes back unchanged with no metadata. */
    public static Parsed parse(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        Map<String, String> meta = new LinkedHashMap<>();
        int pos = 0;
        for (int n = 0; n <= MAX_HEADER_LINES && pos < t.length(); n++) {
            int nl = t.indexOf('\n', pos);
            int end = nl < 0 ? t.length() : nl;
            String line = t.substring(pos, end).replace("\r", "").strip();
            pos = nl < 0 ? t.length() : nl + 1;
            if (line.equals("---")) {
                return meta.isEmpty() ? new Parsed(Map.of(), text) : new Parsed(meta, t.substring(pos));
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                break;
            }
            meta.put(m.group(1), m.group(2).strip());
        }
        return new Parsed(Map.of(), text);
    }

    /** The sidecar of a text file: {@code a.txt} → {@code a.meta.json}. */
    public static Path sidecarOf(Path textFile) {
        String name = textFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return textFile.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + SIDECAR_SUFFIX);
    }

    /** True for a sidecar file name. */
    public static boolean isSidecar(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(SIDECAR_SUFFIX);
    }

    /** Largest sidecar read: 64 KiB (metadata is a few lines; more is not metadata). */
    public static final int MAX_SIDECAR_BYTES = 64 * 1024;

    /** The text file a sidecar belongs to: {@code a.meta.json} → {@code a.txt}. */
    public static Path textOf(Path sidecar) {
        String name = sidecar.getFileName().toString();
        return sidecar.resolveSibling(name.substring(0, name.length() - SIDECAR_SUFFIX.length()) + ".txt");
    }

    /** As {@link #readSidecar(Path, Path, InputFiles.Options)}, confined to the text file's own folder. */
    public static Map<String, String> readSidecar(Path textFile) throws Rejection {
        return readSidecar(textFile, InputFiles.rootOfFile(textFile), InputFiles.Options.DEFAULTS);
    }

    /**
     * Reads the sidecar of a text file, or an empty map when there is none. The sidecar is confined like the text
     * file itself ({@link InputFiles#check} under the same root and options: a link leaving the root, a FIFO or a
     * device is refused, never opened) and read with the same time limit, at most {@value #MAX_SIDECAR_BYTES} bytes.
     *
     * @throws Rejection naming the sidecar, with the reason of {@link io.khabar.model.DeadLetterReasons}: refused
     *     by confinement ({@code link-outside-root}, {@code special-file}, {@code unreadable}, {@code read-timeout}),
     *     over 64 KiB ({@code too-large}), not UTF-8 ({@code invalid-utf8}), or not a JSON object of strings, numbers
     *     or booleans ({@code invalid-field})
     */
    public static Map<String, String> readSidecar(Path textFile, Path root, InputFiles.Options options)
            throws Rejection {
        Path side = sidecarOf(textFile);
        if (!Files.exists(side, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return Map.of();
        }
        String shown = "metadata file " + OutsideText.escape(side.toString());
        byte[] bytes;
        try {
            bytes = InputFiles.readBounded(side, root, options, MAX_SIDECAR_BYTES);
        } catch (Rejection r) {
            String why = r.reason().equals(DeadLetterReasons.TOO_LARGE)
                    ? "is over " + MAX_SIDECAR_BYTES / 1024 + " KiB, which is not metadata"
                    : "refused: " + r.getMessage();
            throw new Rejection(r.reason(), shown + " " + why);
        }
        String text;
        try {
            text = SeedTextParser.decodeUtf8(bytes);
        } catch (Rejection r) {
            throw new Rejection(r.reason(), shown + " is " + r.getMessage());
        }
        try {
            JsonNode node = Json.mapper().readTree(text);
            if (node == null || !node.isObject()) {
                throw new Rejection(DeadLetterReasons.INVALID_FIELD, shown + " is not a JSON object");
            }
            Map<String, String> meta = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                if (f.getValue().isNull()) {
                    continue;
                }
                if (!f.getValue().isValueNode()) {
                    throw new Rejection(
                            DeadLetterReasons.INVALID_FIELD,
                            shown + ": field '" + OutsideText.escape(f.getKey(), 64) + "' must be a string");
                }
                meta.put(f.getKey(), f.getValue().asText());
            }
            return meta;
        } catch (IOException e) {
            String where = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
                    ? " (line " + j.getLocation().getLineNr() + ", column "
                            + j.getLocation().getColumnNr() + ")"
                    : "";
            throw new Rejection(DeadLetterReasons.INVALID_FIELD, shown + " is not readable JSON" + where);
        }
    }
}
