package io.khabar.ingest;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** Factories that pick the source for what the user named. */
public final class Sources {

    private Sources() {}

    /** Files and folders of any supported format (seed text, JSON, JSON Lines), picked by extension. */
    public static ArticleSource forPaths(List<Path> paths, long maxBytes) {
        return new FileTreeSource(paths, maxBytes, Clock.systemUTC());
    }

    /** As {@link #forPaths(List, long)}, with JSON fields and text-file metadata mapped by {@code mapping}. */
    public static ArticleSource forPaths(List<Path> paths, long maxBytes, FieldMapping mapping) {
        return new FileTreeSource(paths, maxBytes, Clock.systemUTC(), mapping);
    }
}
