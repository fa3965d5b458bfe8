package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import java.io.IOException;
import java.io.InputStream;
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
    private final Path root;
    private final InputFiles.Options options;
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
        this(dir, stateFile, maxBytes, rescanInterval, settle, clock, InputFiles.Options.DEFAULTS);
    }

    /** A watched folder with explicit confinement options (links, special files, read time limit). */
    public WatchSource(
            Path dir,
            Path stateFile,
            long maxBytes,
            Duration rescanInterval,
            Duration settle,
            Clock clock,
            InputFiles.Options options) {
        this.dir = dir;
        this.root = InputFiles.rootOfFolder(dir);
        this.options = options;
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
        return "watched folder " + io.khabar.model.OutsideText.escape(dir.toString());
    }

    /** Full scans completed so far (the first one runs at start). */
    public long scansCompleted() {
        return scans.get();
    }

    /** Asks {@link #readAll} to publish what it has in hand, save its state and return. */
    @Override
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
                        if (options.followLinks()
                                ? Files.isDirectory(child)
                                : Files.isDirectory(child, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE) {
                                registerTree(w, child, pending);
                            }
                        } else {
                            Path unit = unitOf(child);
                            if (unit != null) {
                                pending.add(unit);
                            }
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
        java.nio.file.LinkOption[] how = options.followLinks()
                ? new java.nio.file.LinkOption[0]
                : new java.nio.file.LinkOption[] {java.nio.file.LinkOption.NOFOLLOW_LINKS};
        java.nio.file.FileVisitOption[] walkHow = options.followLinks()
                ? new java.nio.file.FileVisitOption[] {java.nio.file.FileVisitOption.FOLLOW_LINKS}
                : new java.nio.file.FileVisitOption[0];
        try (Stream<Path> s = Files.walk(root, walkHow)) {
            for (Path d : (Iterable<Path>) s.filter(d -> Files.isDirectory(d, how))::iterator) {
                if (!d.equals(dir) && FileTreeSource.isHidden(d)) {
                    continue;
                }
                d.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            }
        } catch (NoSuchFileException e) {
            return;
        } catch (java.io.UncheckedIOException e) {
            log.warn(
                    "{}: not all folders are watched: {}",
                    io.khabar.model.OutsideText.escape(root.toString()),
                    e.getCause().toString());
        }
        addFiles(root, pending);
    }

    private void addFiles(Path from, Set<Path> pending) throws IOException {
        List<Path> found = new ArrayList<>();
        try {
            FileTreeSource.walk(from, options.followLinks(), this::wanted, found);
        } catch (NoSuchFileException | java.io.UncheckedIOException e) {
            log.debug("{} changed while scanning: {}", from, e.toString());
        }
        found.stream().filter(this::wanted).sorted().forEach(pending::add);
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

    /**
     * What to read again when {@code file} appears or changes: the file itself, or for a text file's sidecar
     * ({@link TextMetadata}) its text file, which is read with it; null when neither is read.
     */
    private Path unitOf(Path file) {
        if (TextMetadata.isSidecar(file)) {
            Path text = TextMetadata.textOf(file);
            return wanted(text) && Files.exists(text, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? text : null;
        }
        return wanted(file) ? file : null;
    }

    /** The attributes of a text file's sidecar (the link itself, not followed), or null when it has none. */
    private static BasicFileAttributes sidecarAttributes(Path file) {
        if (FileTreeSource.formatOf(file) != FileTreeSource.Format.SEED_TEXT) {
            return null;
        }
        try {
            return Files.readAttributes(
                    TextMetadata.sidecarOf(file), BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** Publishes the pending files that have settled; the rest stay pending. A file's failure is its own. */
    private void process(Set<Path> pending, PublishedFiles state, SourceListener listener) {
        Map<String, String> batch = new HashMap<>();
        long now = System.currentTimeMillis(); // file times are wall-clock times, whatever the article clock says
        for (Iterator<Path> it = pending.iterator(); it.hasNext(); ) {
            Path file = it.next();
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                it.remove(); // gone
                continue;
            }
            if (attrs.isDirectory()) {
                it.remove();
                continue;
            }
            long modified = attrs.lastModifiedTime().toMillis();
            String stat = attrs.size() + ":" + modified;
            BasicFileAttributes side = sidecarAttributes(file);
            if (side != null) {
                // a text file and its sidecar settle together, and a change of either is a change of the pair
                long sideModified = side.lastModifiedTime().toMillis();
                modified = Math.max(modified, sideModified);
                stat += "+meta:" + side.size() + ":" + sideModified;
            }
            if (now - modified < settle.toMillis()) {
                continue; // still being written, perhaps
            }
            it.remove();
            if (stat.equals(lastSeen.get(file))) {
                continue;
            }
            lastSeen.put(file, stat);
            String rel = dir.relativize(file).toString();
            try {
                String fingerprint = handle(file, rel, stat, state, listener);
                if (fingerprint != null) {
                    batch.put(rel, fingerprint);
                }
            } catch (RuntimeException e) {
                // never lets one file stop the watch: it is rejected with what went wrong
                listener.onRejected(
                        file.toString(),
                        DeadLetterReasons.UNREADABLE,
                        "cannot read: " + io.khabar.model.OutsideText.escape(e.toString()),
                        null);
                batch.put(rel, "failed:" + stat);
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        if (listener.awaitDelivered()) {
            batch.forEach(state::put);
            try {
                state.save();
            } catch (java.io.UncheckedIOException e) {
                log.error("{}; the files of this batch will be published again after a restart", e.getMessage());
            }
            log.info(
                    "published {} new or changed file(s) from {}",
                    batch.size(),
                    io.khabar.model.OutsideText.escape(dir.toString()));
        } else {
            // not recorded: they are read again after the next rescan (or restart)
            List<String> names = new ArrayList<>(batch.keySet());
            names.forEach(n -> lastSeen.remove(dir.resolve(n)));
            log.warn(
                    "{} file(s) not fully acknowledged by Kafka; they will be sent again: {}",
                    names.size(),
                    io.khabar.model.OutsideText.escape(names.toString()));
        }
    }

    /** Reads (or refuses) one settled file unless this content was published before; the fingerprint to record. */
    private String handle(Path file, String rel, String stat, PublishedFiles state, SourceListener listener) {
        InputFiles.Refusal refusal = InputFiles.check(file, root, options);
        if (refusal != null) {
            String fingerprint = "refused:" + refusal.reason() + ":" + stat;
            if (state.contains(rel, fingerprint)) {
                return null;
            }
            listener.onRejected(file.toString(), refusal.reason(), refusal.message(), null);
            return fingerprint;
        }
        String fingerprint;
        try {
            fingerprint = fingerprint(file);
        } catch (InputFiles.ReadTimeoutException e) {
            listener.onRejected(file.toString(), DeadLetterReasons.READ_TIMEOUT, e.getMessage(), null);
            return "timeout:" + stat;
        } catch (IOException e) {
            lastSeen.remove(file); // perhaps replaced meanwhile: seen again by the next event or rescan
            return null;
        }
        Path sidecar = TextMetadata.sidecarOf(file);
        boolean text = FileTreeSource.formatOf(file) == FileTreeSource.Format.SEED_TEXT;
        Sidecar meta = text ? sidecar(sidecar) : null;
        if (meta != null) {
            fingerprint += META + meta.fingerprint();
        }
        if (state.contains(rel, fingerprint) || state.contains(rel, REJECTED + fingerprint)) {
            return null;
        }
        String before = state.get(rel);
        if (before != null && before.startsWith("sha256:") && textPart(before).equals(textPart(fingerprint))) {
            // the text was published before and is unchanged: only its sidecar appeared, changed or went away
            if (meta != null) {
                listener.onRejected(
                        sidecar.toString(),
                        DeadLetterReasons.LATE_METADATA,
                        "metadata file " + io.khabar.model.OutsideText.escape(sidecar.toString())
                                + " arrived or changed after its text file was published; not applied (the article"
                                + " went out with the metadata it had, and enrich keeps the first version of a text):"
                                + " write the sidecar before its text file, see docs/ingest.md",
                        meta.bytes());
            }
            return fingerprint;
        }
        Outcome outcome = new Outcome(listener);
        FileTreeSource.readFile(file, root, maxBytes, options, clock.instant(), outcome, mapping);
        // a rejected text file (e.g. for its sidecar) is marked, so that a sidecar coming or corrected later has it
        // read again rather than reported as late
        return outcome.published || !text ? fingerprint : REJECTED + fingerprint;
    }

    private static final String META = "+meta:";
    private static final String REJECTED = "rejected:";

    /** The fingerprint of the text alone, without its sidecar's. */
    private static String textPart(String fingerprint) {
        int at = fingerprint.indexOf(META);
        return at < 0 ? fingerprint : fingerprint.substring(0, at);
    }

    /** A sidecar's fingerprint and the bytes read for it (bounded), for a dead letter. */
    private record Sidecar(String fingerprint, byte[] bytes) {}

    /**
     * The sidecar of a text file as far as its fingerprint goes, or null when there is none: read under the same
     * confinement as the text (a refused one is fingerprinted by its reason and never opened), at most 64 KiB + 1.
     */
    private Sidecar sidecar(Path sidecar) {
        if (!Files.exists(sidecar, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        InputFiles.Refusal refusal = InputFiles.check(sidecar, root, options);
        if (refusal != null) {
            return new Sidecar("refused:" + refusal.reason(), null);
        }
        try (InputStream in = InputFiles.open(sidecar, options)) {
            byte[] bytes = in.readNBytes(TextMetadata.MAX_SIDECAR_BYTES + 1);
            return new Sidecar("sha256:" + HexFormat.of().formatHex(sha256().digest(bytes)), bytes);
        } catch (IOException e) {
            return new Sidecar("unreadable", null);
        }
    }

    /** Passes everything on and notes whether the file gave an article. */
    private static final class Outcome implements SourceListener {
        private final SourceListener delegate;
        boolean published;

        Outcome(SourceListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onArticle(io.khabar.model.RawArticle article) {
            published = true;
            delegate.onArticle(article);
        }

        @Override
        public void onRejected(String location, String reason, String message, byte[] content) {
            delegate.onRejected(location, reason, message, content);
        }

        @Override
        public boolean awaitDelivered() {
            return delegate.awaitDelivered();
        }
    }

    /** The SHA-256 of the file's content, read as a stream under the confinement options. */
    private String fingerprint(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = InputFiles.open(file, options)) {
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
