package io.khabar.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The watched folder's memory of what it has published: for each file (path relative to the folder) the
 * fingerprint of the content that was published. A UTF-8 text file, one {@code fingerprint TAB path} line per
 * file after a comment line, rewritten whole (temporary file, then an atomic rename) after each batch the broker
 * acknowledged, so a crash leaves either the old or the new state, never half of one.
 */
public final class PublishedFiles {

    private static final String HEADER = "# khabar ingest --watch: files already published (fingerprint<TAB>path)";

    private final Path file;
    private final Map<String, String> fingerprints;

    private PublishedFiles(Path file, Map<String, String> fingerprints) {
        this.file = file;
        this.fingerprints = fingerprints;
    }

    /** Loads the state file, or starts empty when it does not exist. */
    public static PublishedFiles load(Path file) throws IOException {
        Map<String, String> m = new HashMap<>();
        if (Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // whoever can write the watched folder can replace the state file: a link, FIFO or device is refused
            byte[] bytes;
            try {
                bytes = InputFiles.readBounded(
                        file, InputFiles.rootOfFile(file), InputFiles.Options.DEFAULTS, 256L << 20);
            } catch (Rejection r) {
                throw new IOException("cannot use the state file " + io.khabar.model.OutsideText.escape(file.toString())
                        + ": " + r.getMessage());
            }
            for (String line : new String(bytes, StandardCharsets.UTF_8).split("\n")) {
                int tab = line.indexOf('\t');
                if (line.startsWith("#") || tab < 0) {
                    continue;
                }
                m.put(line.substring(tab + 1), line.substring(0, tab));
            }
        }
        return new PublishedFiles(file, m);
    }

    /** True when this content of this file was published before. */
    public synchronized boolean contains(String relativePath, String fingerprint) {
        return fingerprint.equals(fingerprints.get(relativePath));
    }

    /** The fingerprint recorded for a file, or null. */
    public synchronized String get(String relativePath) {
        return fingerprints.get(relativePath);
    }

    /** Remembers a published file (in memory until {@link #save()}). */
    public synchronized void put(String relativePath, String fingerprint) {
        if (relativePath.indexOf('\n') >= 0 || relativePath.indexOf('\t') >= 0) {
            return; // such names cannot be written to the state file; they are re-sent after a restart
        }
        fingerprints.put(relativePath, fingerprint);
    }

    /** How many files are remembered. */
    public synchronized int size() {
        return fingerprints.size();
    }

    /** Writes the state file atomically. */
    public synchronized void save() {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        new TreeMap<>(fingerprints).forEach((path, fp) -> lines.add(fp + "\t" + path));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".khabar-state", ".tmp");
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the state file " + file + ": " + e.getMessage(), e);
        }
    }
}
