package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Files of every format ingest reads, picked by extension: {@code .txt} (seed format, see {@link SeedTextParser}),
 * {@code .json} (one article or an array) and {@code .jsonl}/{@code .ndjson} (one article per line, see
 * {@link JsonArticles}). Given folders are read recursively in path order; hidden files and other extensions
 * under a folder are skipped; a file named explicitly is read by its extension ({@code .txt} when unknown).
 */
public final class FileTreeSource implements ArticleSource {

    /** How a file is read. */
    public enum Format { SEED_TEXT, JSON, JSON_LINES }

    private final List<Path> paths;
    private final long maxBytes;
    private final Clock clock;
    private final FieldMapping mapping;

    public FileTreeSource(List<Path> paths, long maxBytes, Clock clock) {
        this(paths, maxBytes, clock, FieldMapping.DEFAULT);
    }

    /** A source whose JSON fields and text-file metadata are mapped by {@code mapping}. */
    public FileTreeSource(List<Path> paths, long maxBytes, Clock clock, FieldMapping mapping) {
        this.paths = List.copyOf(paths);
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.mapping = mapping;
    }

    @Override
    public String describe() {
        return "files " + paths;
    }

    @Override
    public void readAll(SourceListener listener) throws IOException {
        for (Path file : files()) {
            readFile(file, maxBytes, clock.instant(), listener, mapping);
        }
    }

    /** The files this source will read, in order. Throws if a given path does not exist. */
    public List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> formatOf(f) != null && !isHidden(f) && Files.isRegularFile(f)).sorted().forEach(out::add);
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new IOException("no such file or folder: " + p);
            }
        }
        return out;
    }

    /** The format of a file by its extension, or null when ingest does not read such files from folders. */
    public static Format formatOf(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(TextMetadata.SIDECAR_SUFFIX)) {
            return null; // the metadata of NAME.txt, read with it
        }
        if (name.endsWith(".txt")) {
            return Format.SEED_TEXT;
        }
        if (name.endsWith(".json")) {
            return Format.JSON;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return Format.JSON_LINES;
        }
        return null;
    }

    static boolean isHidden(Path file) {
        return file.getFileName().toString().startsWith(".");
    }

    /** Parses the bytes of a file, already read and within the size limit, by the file's format. */
    static void read(Path file, byte[] bytes, long maxBytes, Instant fetchedAt, SourceListener listener) {
        read(file, bytes, maxBytes, fetchedAt, listener, FieldMapping.DEFAULT);
    }

    /** As {@link #read(Path, byte[], long, Instant, SourceListener)} with a field mapping. */
    static void read(Path file, byte[] bytes, long maxBytes, Instant fetchedAt, SourceListener listener,
                     FieldMapping mapping) {
        String location = file.toString();
        String source = "file:" + location;
        Format format = formatOf(file);
        switch (format == null ? Format.SEED_TEXT : format) {
            case JSON -> JsonArticles.readDocument(location, bytes, source, maxBytes, fetchedAt, listener, mapping);
            case JSON_LINES -> JsonArticles.readLines(location, bytes, source, maxBytes, fetchedAt, listener, mapping);
            default -> {
                try {
                    TextMetadata.Parsed parsed = TextMetadata.parse(SeedTextParser.decodeUtf8(bytes));
                    SeedTextParser.TitleAndBody tb = SeedTextParser.parse(parsed.text());
                    java.util.Map<String, String> meta = new java.util.LinkedHashMap<>(TextMetadata.readSidecar(file));
                    meta.putAll(parsed.metadata());
                    listener.onArticle(mapping.fromText(source, tb.title(), tb.body(), meta, fetchedAt));
                } catch (Rejection r) {
                    listener.onRejected(location, r.reason(), r.getMessage(), bytes);
                }
            }
        }
    }

    /** The size limit of a whole file: {@code maxBytes} for seed text, else what fits in memory (items are limited). */
    static long fileLimit(Path file, long maxBytes) {
        Format format = formatOf(file);
        return format == null || format == Format.SEED_TEXT ? maxBytes : Integer.MAX_VALUE - 16;
    }

    /**
     * Reads one file by its format and reports its articles and rejections. A seed-format file and a single-object
     * JSON file are limited to {@code maxBytes}; in JSON arrays and JSON Lines the limit applies to each item.
     */
    public static void readFile(Path file, long maxBytes, Instant fetchedAt, SourceListener listener) {
        readFile(file, maxBytes, fetchedAt, listener, FieldMapping.DEFAULT);
    }

    /** As {@link #readFile(Path, long, Instant, SourceListener)} with a field mapping. */
    public static void readFile(Path file, long maxBytes, Instant fetchedAt, SourceListener listener, FieldMapping mapping) {
        String location = file.toString();
        long limit = fileLimit(file, maxBytes);
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > limit) {
                listener.onRejected(location, DeadLetterReasons.TOO_LARGE,
                        "too large: " + size + " bytes, the limit is " + limit + " (--max-bytes)", null);
                return;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            listener.onRejected(location, DeadLetterReasons.UNREADABLE, "cannot read: " + e, null);
            return;
        }
        read(file, bytes, maxBytes, fetchedAt, listener, mapping);
    }
}
