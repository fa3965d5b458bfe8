package io.khabar.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The directory of one running stage instance, {@code DATA_DIR/<stage>/<group>/instance-<N>}, held with a file lock
 * for the life of the process. Each start takes the lowest-numbered directory no other process holds, so two or
 * three {@code khabar enrich} processes on one host (or compose replicas sharing a volume) each get their own, and
 * a restarted process finds its state again. The directory keeps a stable instance id (the consumer groups'
 * {@code group.instance.id}, for static membership), the Kafka Streams state, and a {@code tmp/} folder for the
 * native libraries (RocksDB, lz4, zstd, snappy) that is emptied at each start instead of leaving a new copy behind.
 *
 * <p>The data directory: {@code --data-dir}, else {@code KHABAR_DATA_DIR}, else {@code $XDG_DATA_HOME/khabar},
 * else {@code ~/.local/share/khabar}.
 */
public final class InstanceDir implements AutoCloseable {

    /** Environment variable naming the data directory. */
    public static final String DATA_DIR_ENV = "KHABAR_DATA_DIR";
    /** How many instances of one stage and group may run from one data directory. */
    static final int MAX_INSTANCES = 64;

    private final Path dir;
    private final int number;
    private final String instanceId;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceDir(Path dir, int number, String instanceId, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.number = number;
        this.instanceId = instanceId;
        this.channel = channel;
        this.lock = lock;
    }

    /** The data directory from the option (may be null), then the environment, then the XDG default. */
    public static Path dataDir(Path option, Map<String, String> env) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        String own = env.get(DATA_DIR_ENV);
        if (own != null && !own.isBlank()) {
            return Path.of(own).toAbsolutePath();
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "khabar").toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".local", "share", "khabar");
    }

    /**
     * Takes the first free {@code instance-<N>} directory of this stage and group.
     *
     * @throws IllegalStateException when all {@value #MAX_INSTANCES} are held or the directory cannot be written
     */
    public static InstanceDir acquire(Path dataDir, String stage, String group) {
        Path base = dataDir.resolve(stage).resolve(safe(group));
        try {
            Files.createDirectories(base);
        } catch (IOException e) {
            throw new IllegalStateException(
                    "cannot create the khabar data directory " + base + ": " + e.getMessage()
                            + "; choose another with --data-dir or " + DATA_DIR_ENV,
                    e);
        }
        for (int n = 1; n <= MAX_INSTANCES; n++) {
            Path dir = base.resolve("instance-" + n);
            FileChannel ch = null;
            try {
                Files.createDirectories(dir);
                ch = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock;
                try {
                    lock = ch.tryLock();
                } catch (OverlappingFileLockException heldInThisJvm) {
                    lock = null;
                }
                if (lock == null) {
                    ch.close();
                    continue;
                }
                return new InstanceDir(dir, n, instanceId(dir, stage, group, n), ch, lock);
            } catch (IOException e) {
                closeQuietly(ch);
                throw new IllegalStateException("cannot use the instance directory " + dir + ": " + e.getMessage(), e);
            }
        }
        throw new IllegalStateException(
                "all " + MAX_INSTANCES + " instance directories under " + base + " are held by running processes");
    }

    /** The id kept in the directory, made once as {@code <group>-<host>-<N>}; unique across hosts, stable across restarts. */
    private static String instanceId(Path dir, String stage, String group, int n) throws IOException {
        Path file = dir.resolve("instance.id");
        if (Files.exists(file)) {
            String id = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (!id.isEmpty()) {
                return id;
            }
        }
        String id = safe(group) + "-" + safe(hostName()) + "-" + n;
        Path tmp = dir.resolve("instance.id.tmp");
        Files.writeString(tmp, id + "\n", StandardCharsets.UTF_8);
        Files.move(
                tmp,
                file,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return id;
    }

    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private static String safe(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "_");
    }

    /** This instance's directory. */
    public Path dir() {
        return dir;
    }

    /** Its number, 1 for the first instance on this data directory. */
    public int number() {
        return number;
    }

    /** The stable instance id, for {@code group.instance.id}. */
    public String instanceId() {
        return instanceId;
    }

    /** The Kafka Streams {@code state.dir} of this instance. */
    public Path streamsStateDir() {
        return dir.resolve("streams");
    }

    /**
     * Points {@code java.io.tmpdir} (and the snappy and zstd temp settings) at this instance's {@code tmp/}, emptied
     * first, so the native libraries the clients unpack go there and the next start of this instance replaces them.
     * Call before anything loads RocksDB or a compression codec.
     */
    public Path useForNativeLibraries() {
        Path tmp = dir.resolve("tmp");
        try {
            if (Files.exists(tmp)) {
                try (Stream<Path> walk = Files.walk(tmp)) {
                    walk.sorted(Comparator.reverseOrder())
                            .filter(p -> !p.equals(tmp))
                            .forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + tmp, e);
        }
        System.setProperty("java.io.tmpdir", tmp.toString());
        System.setProperty("org.xerial.snappy.tempdir", tmp.toString());
        System.setProperty("ZstdTempFolder", tmp.toString());
        return tmp;
    }

    /** Releases the lock (the directory stays, for the next start). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it anyway
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }
}
