package io.khabar.ingest;

import io.khabar.model.ArticleRules;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.OutsideText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files of every format ingest reads, picked by extension: {@code .txt} (seed format, see {@link SeedTextParser}),
 * {@code .json} (one article or an array) and {@code .jsonl}/{@code .ndjson} (one article per line, see
 * {@link JsonArticles}). Given folders are read recursively in path order; hidden files and other extensions
 * under a folder are skipped; a file named explicitly is read by its extension ({@code .txt} when unknown).
 * Every file is confined by {@link InputFiles}: links out of the given folder (or out of a named file's folder)
 * and special files are refused with their reason unless the options allow them; JSON and JSON Lines are streamed.
 */
public final class FileTreeSource implements ArticleSource {

    private static final Logger log = LoggerFactory.getLogger(FileTreeSource.class);

    /** How a file is read. */
    public enum Format {
        SEED_TEXT,
        JSON,
        JSON_LINES
    }

    /** A file to read and the root it is confined to. */
    record Input(Path file, Path root) {}

    private final List<Path> paths;
    private final long maxBytes;
    private final Clock clock;
    private final InputFiles.Options options;
    private final Predicate<Path> wanted;
    private final FieldMapping mapping;

    public FileTreeSource(List<Path> paths, long maxBytes, Clock clock) {
        this(paths, maxBytes, clock, InputFiles.Options.DEFAULTS);
    }

    /** A source whose JSON fields and text-file metadata are mapped by {@code mapping}. */
    public FileTreeSource(List<Path> paths, long maxBytes, Clock clock, FieldMapping mapping) {
        this(paths, maxBytes, clock, InputFiles.Options.DEFAULTS, f -> formatOf(f) != null, mapping);
    }

    /** A source with a field mapping and explicit confinement options. */
    public FileTreeSource(
            List<Path> paths, long maxBytes, Clock clock, FieldMapping mapping, InputFiles.Options options) {
        this(paths, maxBytes, clock, options, f -> formatOf(f) != null, mapping);
    }

    /** A source with explicit confinement options (links, special files, read time limit). */
    public FileTreeSource(List<Path> paths, long maxBytes, Clock clock, InputFiles.Options options) {
        this(paths, maxBytes, clock, options, f -> formatOf(f) != null);
    }

    FileTreeSource(List<Path> paths, long maxBytes, Clock clock, InputFiles.Options options, Predicate<Path> wanted) {
        this(paths, maxBytes, clock, options, wanted, FieldMapping.DEFAULT);
    }

    FileTreeSource(
            List<Path> paths,
            long maxBytes,
            Clock clock,
            InputFiles.Options options,
            Predicate<Path> wanted,
            FieldMapping mapping) {
        this.mapping = mapping;
        this.paths = List.copyOf(paths);
        this.maxBytes = maxBytes;
        this.clock = clock;
        this.options = options;
        this.wanted = wanted;
    }

    @Override
    public String describe() {
        return "files " + OutsideText.escape(paths.toString());
    }

    @Override
    public void readAll(SourceListener listener) throws IOException {
        for (Input in : inputs()) {
            readFile(in.file(), in.root(), maxBytes, options, clock.instant(), listener, mapping);
        }
    }

    /** The files this source will read, in order (refused ones included). Throws if a given path does not exist. */
    public List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Input in : inputs()) {
            out.add(in.file());
        }
        return out;
    }

    List<Input> inputs() throws IOException {
        List<Input> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                Path root = InputFiles.rootOfFolder(p);
                List<Path> found = new ArrayList<>();
                walk(p, options.followLinks(), wanted, found);
                found.sort(null);
                found.forEach(f -> out.add(new Input(f, root)));
            } else if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                if (TextMetadata.isSidecar(p)) {
                    // named too (e.g. by a shell glob): it is read with its text file, never as an article
                    Path text = TextMetadata.textOf(p);
                    if (Files.exists(text, LinkOption.NOFOLLOW_LINKS)) {
                        log.info(
                                "{}: the metadata file of {}, read with it",
                                OutsideText.escape(p.toString()),
                                OutsideText.escape(text.getFileName().toString()));
                    } else {
                        log.warn(
                                "{}: a metadata file without its text file {}; not read",
                                OutsideText.escape(p.toString()),
                                OutsideText.escape(text.getFileName().toString()));
                    }
                    continue;
                }
                out.add(new Input(p, InputFiles.rootOfFile(p)));
            } else {
                throw new IOException("no such file or folder: " + OutsideText.escape(p.toString()));
            }
        }
        return out;
    }

    /**
     * Collects the non-hidden entries under {@code dir} that {@code wanted} accepts, plus every symbolic link to a
     * folder (so it can be refused by name when it leads outside); links are followed only with {@code follow}.
     */
    static void walk(Path dir, boolean follow, Predicate<Path> wanted, List<Path> out) throws IOException {
        Files.walkFileTree(
                dir,
                follow ? EnumSet.of(FileVisitOption.FOLLOW_LINKS) : EnumSet.noneOf(FileVisitOption.class),
                Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                        return !d.equals(dir) && isHidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                        if (!isHidden(f) && (wanted.test(f) || (attrs.isSymbolicLink() && Files.isDirectory(f)))) {
                            out.add(f);
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path f, IOException e) {
                        if (e instanceof FileSystemLoopException) {
                            log.warn("{}: a link loop, not followed again", OutsideText.escape(f.toString()));
                        } else {
                            log.warn("{}: cannot be listed: {}", OutsideText.escape(f.toString()), e.toString());
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
    }

    /** The format of a file by its extension, or null when ingest does not read such files from folders. */
    public static Format formatOf(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return null;
        }
        String n = name.toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(TextMetadata.SIDECAR_SUFFIX)) {
            return null; // the metadata of NAME.txt, read with it
        }
        if (n.endsWith(".txt")) {
            return Format.SEED_TEXT;
        }
        if (n.endsWith(".json")) {
            return Format.JSON;
        }
        if (n.endsWith(".jsonl") || n.endsWith(".ndjson")) {
            return Format.JSON_LINES;
        }
        return null;
    }

    static boolean isHidden(Path file) {
        Path name = file.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** Parses the bytes of a file, already read and within the size limit, by the file's format. */
    static void read(Path file, byte[] bytes, long maxBytes, Instant fetchedAt, SourceListener listener) {
        read(file, bytes, maxBytes, fetchedAt, listener, FieldMapping.DEFAULT);
    }

    /** As {@link #read(Path, byte[], long, Instant, SourceListener)} with a field mapping. */
    static void read(
            Path file, byte[] bytes, long maxBytes, Instant fetchedAt, SourceListener listener, FieldMapping mapping) {
        String location = file.toString();
        String source = "file:" + location;
        Format format = formatOf(file);
        switch (format == null ? Format.SEED_TEXT : format) {
            case JSON -> JsonArticles.readDocument(location, bytes, source, maxBytes, fetchedAt, listener, mapping);
            case JSON_LINES -> JsonArticles.readLines(location, bytes, source, maxBytes, fetchedAt, listener, mapping);
            default ->
                readSeedText(
                        file,
                        InputFiles.rootOfFile(file),
                        InputFiles.Options.DEFAULTS,
                        source,
                        bytes,
                        fetchedAt,
                        listener,
                        mapping);
        }
    }

    /** A text file with its metadata: the header wins over the sidecar, both over the run's defaults. */
    private static void readSeedText(
            Path file,
            Path root,
            InputFiles.Options options,
            String source,
            byte[] bytes,
            Instant fetchedAt,
            SourceListener listener,
            FieldMapping mapping) {
        try {
            TextMetadata.Parsed parsed = TextMetadata.parse(SeedTextParser.decodeUtf8(bytes));
            SeedTextParser.TitleAndBody tb = SeedTextParser.parse(parsed.text());
            java.util.Map<String, String> meta =
                    new java.util.LinkedHashMap<>(TextMetadata.readSidecar(file, root, options));
            meta.putAll(parsed.metadata());
            ArticleRules.Violation v = ArticleRules.checkText(tb.title(), tb.body(), Long.MAX_VALUE);
            if (v != null) {
                throw new Rejection(v.reason(), v.message());
            }
            listener.onArticle(mapping.fromText(source, tb.title(), tb.body(), meta, fetchedAt));
        } catch (Rejection r) {
            listener.onRejected(file.toString(), r.reason(), r.getMessage(), bytes);
        }
    }

    /** Reads one file with the default options, confined to its own folder. */
    public static void readFile(Path file, long maxBytes, Instant fetchedAt, SourceListener listener) {
        readFile(file, maxBytes, fetchedAt, listener, FieldMapping.DEFAULT);
    }

    /** As {@link #readFile(Path, long, Instant, SourceListener)} with a field mapping. */
    public static void readFile(
            Path file, long maxBytes, Instant fetchedAt, SourceListener listener, FieldMapping mapping) {
        readFile(
                file, InputFiles.rootOfFile(file), maxBytes, InputFiles.Options.DEFAULTS, fetchedAt, listener, mapping);
    }

    /**
     * Reads one file by its format and reports its articles and rejections; never throws. A seed-format file and
     * a single-object JSON file are limited to {@code maxBytes}; in JSON arrays and JSON Lines the limit applies
     * to each item and the file is streamed. The file is first checked by {@link InputFiles#check}.
     */
    public static void readFile(
            Path file,
            Path root,
            long maxBytes,
            InputFiles.Options options,
            Instant fetchedAt,
            SourceListener listener,
            FieldMapping mapping) {
        String location = file.toString();
        InputFiles.Refusal refusal = InputFiles.check(file, root, options);
        if (refusal != null) {
            listener.onRejected(location, refusal.reason(), refusal.message(), null);
            return;
        }
        String source = "file:" + location;
        Format format = formatOf(file);
        try {
            switch (format == null ? Format.SEED_TEXT : format) {
                case JSON -> {
                    try (InputStream in = InputFiles.open(file, options)) {
                        JsonArticles.readDocument(location, in, source, maxBytes, fetchedAt, listener, mapping);
                    }
                }
                case JSON_LINES -> {
                    try (InputStream in = InputFiles.open(file, options)) {
                        JsonArticles.readLines(location, in, source, maxBytes, fetchedAt, listener, mapping);
                    }
                }
                default -> {
                    byte[] bytes;
                    try (InputStream in = InputFiles.open(file, options)) {
                        bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
                    }
                    if (bytes.length > maxBytes) {
                        long size = Files.size(file);
                        listener.onRejected(
                                location,
                                DeadLetterReasons.TOO_LARGE,
                                "too large: "
                                        + (size > maxBytes ? size + " bytes" : "more than " + maxBytes + " bytes")
                                        + ", the limit is " + maxBytes + " (--max-bytes)",
                                null);
                        return;
                    }
                    readSeedText(file, root, options, source, bytes, fetchedAt, listener, mapping);
                }
            }
        } catch (InputFiles.ReadTimeoutException e) {
            listener.onRejected(
                    location,
                    DeadLetterReasons.READ_TIMEOUT,
                    e.getMessage()
                            + (format == Format.SEED_TEXT || format == null ? "" : "; the items before it were read"),
                    null);
        } catch (IOException | RuntimeException e) {
            listener.onRejected(
                    location,
                    DeadLetterReasons.UNREADABLE,
                    "cannot read: "
                            + OutsideText.escape(e.toString())
                            + (format == Format.SEED_TEXT || format == null ? "" : "; the items before it were read"),
                    null);
        }
    }
}
