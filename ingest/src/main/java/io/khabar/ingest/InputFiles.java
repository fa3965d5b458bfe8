package io.khabar.ingest;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.OutsideText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Confinement of file inputs: what ingest may open, and how it reads it. By default a symbolic link whose target
 * lies outside the input root (the folder given, or the folder of a file given) is refused
 * ({@code link-outside-root}), and so is anything that is not a regular file: named pipes, devices, sockets, and
 * files on pseudo file systems such as {@code /proc} and {@code /sys} ({@code special-file}). Opening and every
 * read have a time limit ({@code read-timeout}), and a regular file is read only up to the size it had when it was
 * opened, so an endless or growing file cannot keep a reader forever. {@link Options#followLinks()} and
 * {@link Options#allowSpecialFiles()} are the documented opt-ins (see docs/security.md).
 */
public final class InputFiles {

    /** How file inputs are confined. */
    public record Options(boolean followLinks, boolean allowSpecialFiles, Duration readTimeout) {
        /** The safe defaults: links stay inside their root, no special files, 30 s per open or read. */
        public static final Options DEFAULTS = new Options(false, false, Duration.ofSeconds(30));
    }

    /** An input refused before it was read. */
    public record Refusal(String reason, String message) {}

    /** A file that stalled: opening or reading took longer than the time limit. */
    public static final class ReadTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        ReadTimeoutException(String message) {
            super(message);
        }
    }

    private static final Set<String> PSEUDO_FILE_SYSTEMS = Set.of(
            "proc",
            "sysfs",
            "devtmpfs",
            "devpts",
            "debugfs",
            "tracefs",
            "securityfs",
            "cgroup",
            "cgroup2",
            "configfs",
            "fusectl",
            "mqueue",
            "bpf",
            "pstore",
            "efivarfs",
            "binfmt_misc",
            "autofs",
            "hugetlbfs",
            "rpc_pipefs",
            "nsfs");
    private static final int CHUNK = 64 * 1024;

    /** Threads that do the blocking opens and reads, so a stalled one can be abandoned at its time limit. */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "khabar-file-read");
        t.setDaemon(true);
        return t;
    });

    private InputFiles() {}

    /** The root a file named on its own is confined to: its folder, as a real path. */
    public static Path rootOfFile(Path file) {
        Path abs = file.toAbsolutePath();
        Path parent = abs.getParent();
        try {
            return parent == null ? abs : parent.toRealPath();
        } catch (IOException e) {
            return parent;
        }
    }

    /** The real path of a folder given as a root (following the links in its own path: the user named it). */
    public static Path rootOfFolder(Path dir) {
        try {
            return dir.toRealPath();
        } catch (IOException e) {
            return dir.toAbsolutePath();
        }
    }

    /**
     * Why {@code file} may not be read under {@code root}, or null when it may. {@code root} must be a real path
     * (see {@link #rootOfFolder}, {@link #rootOfFile}).
     */
    public static Refusal check(Path file, Path root, Options options) {
        String shown = OutsideText.escape(file.toString());
        BasicFileAttributes own;
        try {
            own = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return new Refusal(DeadLetterReasons.UNREADABLE, "cannot read " + shown + ": " + e);
        }
        Path real = file;
        BasicFileAttributes target = own;
        if (own.isSymbolicLink()) {
            try {
                real = file.toRealPath();
                target = Files.readAttributes(real, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return new Refusal(DeadLetterReasons.UNREADABLE, shown + " is a symbolic link to nothing (dangling)");
            } catch (IOException e) {
                return new Refusal(DeadLetterReasons.UNREADABLE, "cannot follow the link " + shown + ": " + e);
            }
            if (!options.followLinks() && !real.startsWith(root)) {
                return new Refusal(
                        DeadLetterReasons.LINK_OUTSIDE_ROOT,
                        shown + " is a symbolic link to "
                                + OutsideText.escape(real.toString()) + ", outside "
                                + OutsideText.escape(root.toString())
                                + "; not read (--follow-links reads such links)");
            }
        }
        if (options.allowSpecialFiles()) {
            return null;
        }
        if (!target.isRegularFile()) {
            return new Refusal(
                    DeadLetterReasons.SPECIAL_FILE,
                    shown + " is " + kind(real, target)
                            + ", not a regular file; not read (--allow-special-files reads it)");
        }
        String pseudo = pseudoFileSystem(real);
        if (pseudo != null) {
            return new Refusal(
                    DeadLetterReasons.SPECIAL_FILE,
                    shown + " is on the " + pseudo
                            + " pseudo file system, not a regular file; not read (--allow-special-files reads it)");
        }
        return null;
    }

    /**
     * Opens a file that passed {@link #check} for reading with the time limit of the options: the stream reads at
     * most the size a regular file had when opened (special files: until their end, or the caller's own limit).
     * Without {@code followLinks}, the last path element is opened without following a link, so a file swapped
     * for a link after the check is not followed.
     */
    public static InputStream open(Path file, Options options) throws IOException {
        Path target = file;
        boolean link = Files.isSymbolicLink(file);
        if (link) {
            target = file.toRealPath();
        }
        Path finalTarget = target;
        OpenOption[] opts = options.followLinks()
                ? new OpenOption[] {StandardOpenOption.READ}
                : new OpenOption[] {StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS};
        Duration limit = options.readTimeout();
        SeekableByteChannel ch = timed(
                () -> Files.newByteChannel(finalTarget, opts), limit, "opening " + OutsideText.escape(file.toString()));
        BasicFileAttributes a = Files.readAttributes(target, BasicFileAttributes.class);
        long size = a.isRegularFile() ? a.size() : Long.MAX_VALUE;
        return new TimedInputStream(ch, limit, size, file);
    }

    /**
     * Reads a whole (small) file: checked, opened with the time limit, at most {@code maxBytes}; a larger file is a
     * {@link Rejection} {@code too-large}. For the URL list, feed files and seed-format files.
     */
    public static byte[] readBounded(Path file, Path root, Options options, long maxBytes) throws Rejection {
        Refusal r = check(file, root, options);
        if (r != null) {
            throw new Rejection(r.reason(), r.message());
        }
        try (InputStream in = open(file, options)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new Rejection(
                        DeadLetterReasons.TOO_LARGE,
                        "too large: more than " + maxBytes + " bytes, the limit is " + maxBytes + " (--max-bytes)");
            }
            return bytes;
        } catch (ReadTimeoutException e) {
            throw new Rejection(DeadLetterReasons.READ_TIMEOUT, e.getMessage());
        } catch (IOException e) {
            throw new Rejection(DeadLetterReasons.UNREADABLE, "cannot read: " + OutsideText.escape(e.toString()));
        }
    }

    private static String kind(Path file, BasicFileAttributes a) {
        if (a.isDirectory()) {
            return "a folder";
        }
        try {
            int mode = (Integer) Files.getAttribute(file, "unix:mode");
            switch (mode & 0170000) {
                case 0010000:
                    return "a named pipe (FIFO)";
                case 0020000:
                    return "a character device";
                case 0060000:
                    return "a block device";
                case 0140000:
                    return "a socket";
                default:
                    break;
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ClassCastException e) {
            // no unix view: fall through
        }
        return "a special file";
    }

    /** The pseudo file system a path lies on ({@code proc}, {@code sysfs}…), or null. */
    static String pseudoFileSystem(Path real) {
        String s = real.toAbsolutePath().toString();
        for (String prefix : new String[] {"/proc/", "/sys/", "/dev/"}) {
            if (s.startsWith(prefix)) {
                return prefix.substring(1, prefix.length() - 1);
            }
        }
        try {
            FileStore store = Files.getFileStore(real);
            return PSEUDO_FILE_SYSTEMS.contains(store.type()) ? store.type() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private interface Blocking<T> {
        T call() throws IOException;
    }

    private static <T> T timed(Blocking<T> action, Duration limit, String what) throws IOException {
        Future<T> f = READERS.submit(action::call);
        try {
            return f.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ReadTimeoutException(
                    what + " stalled for more than " + limit.toMillis() + " ms (--read-timeout)");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException(what + ": interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IOException(what + ": " + e.getCause(), e.getCause());
        }
    }

    /** Reads a channel in chunks, each read with the time limit, up to a byte count. */
    private static final class TimedInputStream extends InputStream {
        private final SeekableByteChannel channel;
        private final Duration limit;
        private final Path file;
        private final ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        private long remaining;
        private boolean failed;

        TimedInputStream(SeekableByteChannel channel, Duration limit, long maxBytes, Path file) {
            this.channel = channel;
            this.limit = limit;
            this.remaining = maxBytes;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (remaining <= 0 || failed) {
                return -1;
            }
            int want = (int) Math.min(Math.min(len, CHUNK), remaining);
            int n;
            try {
                n = timed(
                        () -> {
                            chunk.clear().limit(want);
                            return channel.read(chunk);
                        },
                        limit,
                        "reading " + OutsideText.escape(file.toString()));
            } catch (IOException e) {
                failed = true;
                closeQuietly();
                throw e;
            }
            if (n <= 0) {
                return n == 0 ? 0 : -1;
            }
            chunk.flip();
            chunk.get(b, off, n);
            remaining -= n;
            return n;
        }

        @Override
        public void close() {
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to do
            }
        }
    }
}
