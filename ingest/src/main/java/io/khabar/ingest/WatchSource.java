package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder watched for new and changed files (any format {@link FileTreeSource} reads), published as they appear,
 * until {@link #stop()}. File-system events come from a {@link WatchService}; a periodic rescan catches what the
 * events miss (network and container file systems often send none). A file is read once it has not been modified
 * for the settle time, so half-written files are not published; writers should still write elsewhere (or to a
 * name with another extension) and rename. After each batch the broker acknowledged, the files' content
 * fingerprints are saved in a {@link PublishedFiles} state file, so a restart publishes only files that are new
 * or changed since. Rejected files count as handled (they went to the dead-letter topic).
 */
public final class WatchSource implements ArticleSource {

    private static final Logger log = LoggerFactory.getLogger(WatchSource.class);

    private final Path dir;
    private final Path stateFile;
    private final long maxBytes;
    private final Duration rescanInterval;
    private final Duration settle;
    private final Clock clock;
    private final AtomicLong scans = new AtomicLong();
    private final Map<Path, String> lastSeen = new HashMap<>();
    private volatile boolean stopped;
    private volatile WatchService watcher;

    /**
     * @param dir            the folder to watch (with its subfolders)
     * @param stateFile      where published files are remembered across restarts
     * @param maxBytes       size limit of one input
     * @param rescanInterval how often the whole folder is scanned in addition to the events
     * @param settle         how long a file must stay unmodified before it is read
     */
    private volatile FieldMapping mapping = FieldMapping.DEFAULT;

    /** Maps JSON fields and text-file metadata with {@code m} (default {@link FieldMapping#DEFAULT}); returns this. */
    public WatchSource mapping(FieldMapping m) {
        this.mapping = m;
        return this;
    }

    public WatchSource(Path dir, Path stateFile, long maxBytes, Duration rescanInterval, Duration settle, Clock clock) {
        this.dir = dir;
        this.stateFile = stateFile;
        this.maxBytes = maxBytes;
        this.rescanInterval = rescanInterval;
        this.settle = settle;
        this.clock = clock;
    }

    /** The default state file of a watched folder: {@code .khabar-published} inside it (hidden files are not read). */
    public static Path defaultStateFile(Path dir) {
        return dir.resolve(".khabar-published");
    }

    @Override
    public String describe() {
        return "watched folder " + dir;
    }

    /** Full scans completed so far (the first one runs at start). */
    public long scansCompleted() {
        return scans.get();
    }

    /** Asks {@link #readAll} to publish what it has in hand, save its state and return. */
    public void stop() {
        stopped = true;
        WatchService w = watcher;
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                log.debug("closing the watch service: {}", e.toString());
            }
        }
    }

    /** Watches until {@link #stop()} is called or the thread is interrupted. */
    @Override
    public void readAll(SourceListener listener) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a folder: " + dir);
        }
        PublishedFiles state = PublishedFiles.load(stateFile);
        Set<Path> pending = new LinkedHashSet<>();
        try (WatchService w = FileSystems.getDefault().newWatchService()) {
            watcher = w;
            if (stopped) {
                return;
            }
            registerTree(w, dir, pending);
            long nextRescan = System.nanoTime() + rescanInterval.toNanos();
            process(pending, state, listener);
            scans.incrementAndGet();
            long tick = Math.max(50, Math.min(500, settle.toMillis()));
            while (!stopped && !Thread.currentThread().isInterrupted()) {
                WatchKey key;
                try {
                    key = w.poll(tick, TimeUnit.MILLISECONDS);
                } catch (ClosedWatchServiceException e) {
                    break;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                boolean rescan = System.nanoTime() >= nextRescan;
                for (; key != null; key = w.poll()) {
                    Path parent = (Path) key.watchable();
                    for (WatchEvent<?> event : key.pollEvents()) {
                        if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                            rescan = true;
                            continue;
                        }
                        Path child = parent.resolve((Path) event.context());
                        if (Files.isDirectory(child)) {
                            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                                registerTree(w, child, pending);
                            }
                        } else if (wanted(child)) {
                            pending.add(child);
                        }
                    }
                    key.reset();
                }
                if (rescan) {
                    addFiles(dir, pending);
                    nextRescan = System.nanoTime() + rescanInterval.toNanos();
                }
                process(pending, state, listener);
                if (rescan) {
                    scans.incrementAndGet();
                }
            }
            // stopping: what has settled is published, the rest waits for the next start
            process(pending, state, listener);
        } catch (ClosedWatchServiceException e) {
            // stop() closed it while registering
        } finally {
            watcher = null;
        }
    }

    private void registerTree(WatchService w, Path root, Set<Path> pending) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path d : (Iterable<Path>) s.filter(Files::isDirectory)::iterator) {
                if (!d.equals(dir) && FileTreeSource.isHidden(d)) {
                    continue;
                }
                d.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            }
        } catch (NoSuchFileException e) {
            return;
        }
        addFiles(root, pending);
    }

    private void addFiles(Path root, Set<Path> pending) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(this::wanted).filter(Files::isRegularFile).sorted().forEach(pending::add);
        } catch (NoSuchFileException | java.io.UncheckedIOException e) {
            log.debug("{} changed while scanning: {}", root, e.toString());
        }
    }

    private boolean wanted(Path file) {
        if (FileTreeSource.formatOf(file) == null) {
            return false;
        }
        for (Path p : dir.relativize(file)) {
            if (p.toString().startsWith(".")) {
                return false;
            }
        }
        return !file.toAbsolutePath().equals(stateFile.toAbsolutePath());
    }

    /** Publishes the pending files that have settled; the rest stay pending. */
    private void process(Set<Path> pending, PublishedFiles state, SourceListener listener) {
        Map<String, String> batch = new HashMap<>();
        long now = System.currentTimeMillis(); // file times are wall-clock times, whatever the article clock says
        for (Iterator<Path> it = pending.iterator(); it.hasNext(); ) {
            Path file = it.next();
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException e) {
                it.remove(); // gone
                continue;
            }
            if (!attrs.isRegularFile()) {
                it.remove();
                continue;
            }
            long modified = attrs.lastModifiedTime().toMillis();
            if (now - modified < settle.toMillis()) {
                continue; // still being written, perhaps
            }
            it.remove();
            String stat = attrs.size() + ":" + modified;
            if (stat.equals(lastSeen.get(file))) {
                continue;
            }
            String rel = dir.relativize(file).toString();
            byte[] bytes = null;
            String fingerprint;
            try {
                if (attrs.size() > FileTreeSource.fileLimit(file, maxBytes)) {
                    fingerprint = "stat:" + stat;
                } else {
                    bytes = Files.readAllBytes(file);
                    fingerprint = sha256(bytes);
                }
            } catch (IOException e) {
                continue; // it will be seen again by the next event or rescan
            }
            lastSeen.put(file, stat);
            if (state.contains(rel, fingerprint)) {
                continue;
            }
            if (bytes == null) {
                listener.onRejected(file.toString(), DeadLetterReasons.TOO_LARGE, "too large: " + attrs.size()
                        + " bytes, the limit is " + FileTreeSource.fileLimit(file, maxBytes) + " (--max-bytes)", null);
            } else {
                FileTreeSource.read(file, bytes, maxBytes, clock.instant(), listener, mapping);
            }
            batch.put(rel, fingerprint);
        }
        if (batch.isEmpty()) {
            return;
        }
        if (listener.awaitDelivered()) {
            batch.forEach(state::put);
            state.save();
            log.info("published {} new or changed file(s) from {}", batch.size(), dir);
        } else {
            // not recorded: they are read again after the next rescan (or restart)
            List<String> names = new ArrayList<>(batch.keySet());
            names.forEach(n -> lastSeen.remove(dir.resolve(n)));
            log.warn("{} file(s) not fully acknowledged by Kafka; they will be sent again: {}", names.size(), names);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
