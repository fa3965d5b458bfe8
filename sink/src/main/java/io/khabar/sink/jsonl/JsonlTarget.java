package io.khabar.sink.jsonl;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.khabar.model.DeadLetterReasons;
import io.khabar.model.Json;
import io.khabar.sink.Batch;
import io.khabar.sink.SinkException;
import io.khabar.sink.SinkRecord;
import io.khabar.sink.SinkTarget;
import io.khabar.sink.StalePositionException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON Lines files: one article per line, in files {@code DIR/articles-YYYY-MM-DD-NNNNNN.jsonl} (UTC date the file
 * was opened, sequence per date). The file being written is named {@code ….jsonl.inprogress}; it is renamed to
 * {@code .jsonl} when it reaches the roll size or age, at a new UTC day, and on close.
 *
 * <p>Exactly once: each batch is appended and fsynced, then the state file {@value #STATE_FILE} (positions per
 * partition, the in-progress file and its committed length) is replaced atomically (write temp, fsync, rename,
 * fsync directory). That rename is the commit. On open, bytes past the committed length (a torn or uncommitted
 * tail) are truncated and uncommitted in-progress files deleted, so the files hold exactly the records up to the
 * stored positions. One sink instance per directory (enforced by a lock file).
 */
public final class JsonlTarget implements SinkTarget {

    /** The state file: positions and the committed length of the in-progress file. */
    public static final String STATE_FILE = "_sink-state.json";
    /** The lock file held while a sink writes to the directory. */
    public static final String LOCK_FILE = "_sink.lock";
    /** Suffix of the file being written. */
    public static final String IN_PROGRESS = ".inprogress";

    private static final Logger LOG = LoggerFactory.getLogger(JsonlTarget.class);
    private static final Pattern NAME =
            Pattern.compile("articles-(\\d{4}-\\d{2}-\\d{2})-(\\d{6})\\.jsonl(\\.inprogress)?");

    private final Path dir;
    private final long rollBytes;
    private final Duration rollInterval;
    private final Clock clock;

    private String topic;
    private FileChannel lockChannel;
    private FileLock lock;
    private final Map<TopicPartition, Long> positions = new HashMap<>();
    /** The in-progress file name, or null when none is open. */
    private String file;

    private long length;
    private Instant openedAt;
    private FileChannel channel;

    /** A target writing to {@code dir}, rolling files at {@code rollBytes} or {@code rollInterval}. */
    public JsonlTarget(Path dir, long rollBytes, Duration rollInterval) {
        this(dir, rollBytes, rollInterval, Clock.systemUTC());
    }

    /** As above with a clock (for tests of time-based rolling). */
    public JsonlTarget(Path dir, long rollBytes, Duration rollInterval, Clock clock) {
        this.dir = dir.toAbsolutePath();
        this.rollBytes = rollBytes;
        this.rollInterval = rollInterval;
        this.clock = clock;
    }

    @Override
    public void open(String topic, String groupId) {
        this.topic = topic;
        try {
            Files.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = lockChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                lockChannel.close();
                throw new SinkException(
                        "another sink is writing to " + dir + " (it holds " + LOCK_FILE
                                + "); give each sink instance its own directory",
                        false);
            }
            readState();
            recover();
        } catch (IOException e) {
            throw new SinkException(
                    "cannot open the JSONL directory " + dir + ": " + e.getMessage()
                            + "; check that it is a writable directory",
                    e,
                    false);
        }
    }

    private void readState() throws IOException {
        Path state = dir.resolve(STATE_FILE);
        if (!Files.exists(state)) {
            return;
        }
        JsonNode node = Json.mapper().readTree(state.toFile());
        String storedTopic = node.path("topic").asText();
        if (!storedTopic.equals(topic)) {
            throw new SinkException(
                    dir + " holds records of topic " + storedTopic + ", not " + topic
                            + "; write each topic to its own directory",
                    false);
        }
        node.path("positions")
                .properties()
                .forEach(e -> positions.put(
                        new TopicPartition(topic, Integer.parseInt(e.getKey())),
                        e.getValue().asLong()));
        file = node.hasNonNull("file") ? node.get("file").asText() : null;
        length = node.path("length").asLong(0);
        openedAt =
                node.hasNonNull("openedAt") ? Instant.parse(node.get("openedAt").asText()) : null;
    }

    /** Brings the directory to the committed state: truncates torn tails, deletes uncommitted files. */
    private void recover() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + IN_PROGRESS)) {
            for (Path p : files) {
                if (!p.getFileName().toString().equals(file)) {
                    LOG.info("deleting {}: written after the last commit", p);
                    Files.delete(p);
                }
            }
        }
        if (file == null) {
            return;
        }
        Path current = dir.resolve(file);
        if (!Files.exists(current)) {
            Path completed = dir.resolve(completedName(file));
            if (!Files.exists(completed)) {
                throw new SinkException(
                        "the state file " + dir.resolve(STATE_FILE) + " names " + file
                                + ", which is missing; restore it, or move the directory aside to start over",
                        false);
            }
            // Crashed between completing the file and storing that: the completed file holds exactly the data.
            file = null;
            length = 0;
            return;
        }
        channel = FileChannel.open(current, StandardOpenOption.WRITE, StandardOpenOption.READ);
        long size = channel.size();
        if (size < length) {
            throw new SinkException(
                    current + " is shorter (" + size + " bytes) than committed (" + length
                            + "); the file was changed by something else, or the disk lost written data",
                    false);
        }
        if (size > length) {
            LOG.info(
                    "truncating {} from {} to {} bytes: the tail was written after the last commit",
                    current,
                    size,
                    length);
            channel.truncate(length);
            channel.force(true);
        }
        channel.position(length);
    }

    @Override
    public Map<TopicPartition, Long> storedPositions() {
        return Map.copyOf(positions);
    }

    @Override
    public int write(Batch batch, Rejects rejects) {
        for (TopicPartition tp : batch.next().keySet()) {
            if (!Objects.equals(positions.get(tp), batch.expected().get(tp))) {
                throw new StalePositionException(dir + " holds position " + positions.get(tp) + " for " + tp
                        + ", but this batch starts from " + batch.expected().get(tp));
            }
        }
        List<SinkRecord> withArticle =
                batch.records().stream().filter(r -> r.article() != null).toList();
        byte[][] built = new byte[withArticle.size()][];
        RuntimeException[] failed = new RuntimeException[built.length];
        IntStream indexes = IntStream.range(0, built.length);
        (built.length >= 32 ? indexes.parallel() : indexes).forEach(i -> {
            try {
                built[i] = JsonLineBinder.line(withArticle.get(i));
            } catch (RuntimeException e) {
                failed[i] = e; // e.g. text JSON cannot carry (an unpaired surrogate): this record only
            }
        });
        List<byte[]> kept = new ArrayList<>(built.length);
        for (int i = 0; i < built.length; i++) {
            if (failed[i] != null) {
                rejects.reject(
                        withArticle.get(i),
                        DeadLetterReasons.WRITE_FAILED,
                        "cannot write article " + withArticle.get(i).article().id() + " as a JSON line: "
                                + failed[i].getMessage(),
                        failed[i]);
            } else {
                kept.add(built[i]);
            }
        }
        byte[][] lines = kept.toArray(new byte[0][]);
        // One gathering write of the lines as they are: no batch-sized copy (a batch of 500 enriched articles is
        // ~12 MB, which the JVM would allocate twice as humongous objects).
        ByteBuffer[] buffers = new ByteBuffer[lines.length];
        long bytes = 0;
        for (int i = 0; i < lines.length; i++) {
            buffers[i] = ByteBuffer.wrap(lines[i]);
            bytes += lines[i].length;
        }
        int articles = lines.length;
        try {
            if (channel != null && channel.size() != length) {
                channel.truncate(length); // a previous failed write left a tail
                channel.position(length);
            }
            if (articles > 0) {
                Instant now = clock.instant();
                if (channel == null || needsRoll(now)) {
                    complete();
                    startFile(now);
                }
                long left = bytes;
                while (left > 0) {
                    left -= channel.write(buffers);
                }
                channel.force(false);
            }
            Map<TopicPartition, Long> newPositions = new HashMap<>(positions);
            newPositions.putAll(batch.next());
            long newLength = length + bytes;
            writeState(newPositions, file, newLength, openedAt);
            positions.clear();
            positions.putAll(newPositions);
            length = newLength;
            return articles;
        } catch (IOException e) {
            throw new SinkException(
                    "cannot write " + batch.records().size() + " records to " + dir.resolve(String.valueOf(file)) + ": "
                            + e.getMessage() + "; check free space and permissions",
                    e,
                    true);
        }
    }

    private boolean needsRoll(Instant now) {
        if (length >= rollBytes) {
            return true;
        }
        if (openedAt != null
                && (Duration.between(openedAt, now).compareTo(rollInterval) >= 0
                        || !LocalDate.ofInstant(openedAt, ZoneOffset.UTC)
                                .equals(LocalDate.ofInstant(now, ZoneOffset.UTC)))) {
            return true;
        }
        return false;
    }

    private void startFile(Instant now) throws IOException {
        String date = LocalDate.ofInstant(now, ZoneOffset.UTC).toString();
        int seq = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "articles-" + date + "-*")) {
            for (Path p : files) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches()) {
                    seq = Math.max(seq, Integer.parseInt(m.group(2)));
                }
            }
        }
        file = String.format("articles-%s-%06d.jsonl%s", date, seq + 1, IN_PROGRESS);
        channel = FileChannel.open(
                dir.resolve(file), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.READ);
        length = 0;
        openedAt = now;
    }

    /** Renames the in-progress file to its final name (its content is all committed). */
    private void complete() throws IOException {
        if (channel == null) {
            return;
        }
        channel.close();
        channel = null;
        Path from = dir.resolve(file);
        if (length == 0) {
            Files.delete(from);
        } else {
            Files.move(from, dir.resolve(completedName(file)), StandardCopyOption.ATOMIC_MOVE);
        }
        fsyncDir();
        file = null;
        length = 0;
        openedAt = null;
    }

    private void writeState(Map<TopicPartition, Long> pos, String file, long length, Instant openedAt)
            throws IOException {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("version", 1);
        node.put("topic", topic);
        ObjectNode p = node.putObject("positions");
        pos.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(TopicPartition::partition)))
                .forEach(e -> p.put(String.valueOf(e.getKey().partition()), e.getValue()));
        node.put("file", file);
        node.put("length", length);
        node.put("openedAt", openedAt == null ? null : openedAt.toString());
        byte[] bytes = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        Path tmp = dir.resolve(STATE_FILE + ".tmp");
        try (FileChannel c = FileChannel.open(
                tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                c.write(buf);
            }
            c.force(true);
        }
        try {
            Files.move(
                    tmp, dir.resolve(STATE_FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + dir + " cannot rename atomically; use a local disk", e);
        }
        fsyncDir();
    }

    private void fsyncDir() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some platforms cannot open directories; the rename is still atomic there.
            LOG.debug("cannot fsync directory {}: {}", dir, e.getMessage());
        }
    }

    private static String completedName(String inProgress) {
        return inProgress.substring(0, inProgress.length() - IN_PROGRESS.length());
    }

    @Override
    public String describe() {
        return "jsonl:" + dir;
    }

    /** Completes the in-progress file (renames it to {@code .jsonl}) and releases the directory. */
    @Override
    public void close() {
        try {
            if (channel != null) {
                String was = file;
                complete();
                writeState(positions, null, 0, null);
                LOG.debug("completed {}", was);
            }
        } catch (IOException e) {
            LOG.warn("cannot complete {} in {}: {} (the next start recovers it)", file, dir, e.getMessage());
        } finally {
            try {
                if (lock != null) {
                    lock.release();
                }
                if (lockChannel != null) {
                    lockChannel.close();
                }
            } catch (IOException e) {
                LOG.debug("cannot release {}: {}", LOCK_FILE, e.getMessage());
            }
        }
    }

    /**
     * Lets go of the directory as a killed process would: closes the files and releases the lock without
     * completing the in-progress file or storing anything. For crash tests.
     */
    void abandon() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (lock != null) {
            lock.release();
        }
        if (lockChannel != null) {
            lockChannel.close();
        }
    }

    /** The data files of a directory in write order: completed ones and the in-progress one. */
    public static java.util.List<Path> dataFiles(Path dir) throws IOException {
        java.util.List<Path> result = new java.util.ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            Iterator<Path> it = files.iterator();
            while (it.hasNext()) {
                Path p = it.next();
                if (NAME.matcher(p.getFileName().toString()).matches()) {
                    result.add(p);
                }
            }
        }
        result.sort(java.util.Comparator.comparing(p -> p.getFileName().toString()));
        return result;
    }
}
