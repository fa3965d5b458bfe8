package io.khabar.ingest;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Text files in the seed format (see {@link SeedTextParser}): single files, or every {@code .txt} file under a
 * folder tree, in path order. Each file becomes one article whose source is {@code file:} plus its path. Confined
 * like every file input (see {@link InputFiles}).
 */
public final class TextFileSource implements ArticleSource {

    /** Default size limit of one input: 1 MiB. */
    public static final long DEFAULT_MAX_BYTES = 1024 * 1024;

    private final FileTreeSource files;
    private final List<Path> paths;

    public TextFileSource(List<Path> paths, long maxBytes, Clock clock) {
        this.paths = List.copyOf(paths);
        this.files = new FileTreeSource(paths, maxBytes, clock, InputFiles.Options.DEFAULTS, TextFileSource::isText);
    }

    public TextFileSource(List<Path> paths) {
        this(paths, DEFAULT_MAX_BYTES, Clock.systemUTC());
    }

    @Override
    public String describe() {
        return "text files " + io.khabar.model.OutsideText.escape(paths.toString());
    }

    @Override
    public void readAll(SourceListener listener) throws IOException {
        files.readAll(listener);
    }

    /** The files this source will read, in order. Throws if a given path does not exist. */
    public List<Path> files() throws IOException {
        return files.files();
    }

    private static boolean isText(Path p) {
        return p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt");
    }
}
