package io.khabar.cli.bench;

import io.khabar.model.JsonSerde;
import io.khabar.model.RawArticle;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A benchmark corpus written once to disk as length-prefixed (key, value) records, so that every measured
 * phase reads the same bytes at almost no CPU cost instead of generating or holding 500 MB in the heap.
 */
public final class CorpusFile {

    /** One record: the article id as key and its JSON as value. */
    public record Entry(byte[] key, byte[] value) {}

    /** What was written. */
    public record Stats(long records, long valueBytes) {}

    private final Path file;

    public CorpusFile(Path file) {
        this.file = file;
    }

    /** Takes {@code count} articles from the corpus and writes them. */
    public Stats write(BenchCorpus corpus, int count) throws IOException {
        JsonSerde<RawArticle> serde = JsonSerde.rawArticle();
        long bytes = 0;
        Instant now = Instant.now();
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 20))) {
            for (int i = 0; i < count; i++) {
                RawArticle a = corpus.next(i, now);
                byte[] key = a.id().getBytes(StandardCharsets.UTF_8);
                byte[] value = serde.toBytes(a);
                out.writeInt(key.length);
                out.write(key);
                out.writeInt(value.length);
                out.write(value);
                bytes += value.length;
            }
        }
        return new Stats(count, bytes);
    }

    /** Something that takes each record in turn. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(int index, Entry entry) throws Exception;
    }

    /** Reads every record in order. */
    public void forEach(EntryConsumer consumer) throws Exception {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            for (int i = 0; ; i++) {
                int kl;
                try {
                    kl = in.readInt();
                } catch (EOFException end) {
                    return;
                }
                byte[] key = in.readNBytes(kl);
                byte[] value = in.readNBytes(in.readInt());
                consumer.accept(i, new Entry(key, value));
            }
        }
    }
}
