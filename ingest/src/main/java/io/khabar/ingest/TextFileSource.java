package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.RawArticle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Text files in the seed format (see {@link SeedTextParser}): single files, or every {@code .txt} file under a
 * folder tree, in path order. Each file becomes one article whose source is {@code file:} plus its path.
 */
public final class TextFileSource implements ArticleSource {

    /** Default size limit of one input: 1 MiB. */
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

    private final List<Path> paths;
    private final long maxBytes;
    private final Clock clock;

    public TextFileSource(List<Path> paths, long maxBytes, Clock clock) {
        this.paths = List.copyOf(paths);
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    public TextFileSource(List<Path> paths) {
        this(paths, DEFAULT_MAX_BYTES, Clock.systemUTC());
    }

    @Override
    public String describe() {
        return "text files " + paths;
    }

    @Override
    public void readAll(SourceListener listener) throws IOException {
        for (Path file : files()) {
            readOne(file, listener);
        }
    }

    /** The files this source will read, in order. Throws if a given path does not exist. */
    public List<Path> files() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(Files::isRegularFile).filter(TextFileSource::isText).sorted().forEach(out::add);
                }
            } else if (Files.exists(p)) {
                out.add(p);
            } else {
                throw new IOException("no such file or folder: " + p);
            }
        }
        return out;
    }

    private static boolean isText(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt");
    }

    void readOne(Path file, SourceListener listener) {
        String location = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                listener.onRejected(location, DeadLetterReasons.TOO_LARGE,
                        "too large: " + size + " bytes, the limit is " + maxBytes + " (--max-bytes)", null);
                return;
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            listener.onRejected(location, DeadLetterReasons.UNREADABLE, "cannot read: " + e, null);
            return;
        }
        try {
            SeedTextParser.TitleAndBody tb = SeedTextParser.parse(SeedTextParser.decodeUtf8(bytes));
            listener.onArticle(RawArticle.of("file:" + location, null, tb.title(), tb.body(), null, null,
                    clock.instant(), null));
        } catch (Rejection r) {
            listener.onRejected(location, r.reason(), r.getMessage(), bytes);
        }
    }
}
