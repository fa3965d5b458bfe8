package io.khabar.enrich;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A validated raw article waiting, on its raw partition, for the content-hash step's verdict: its raw bytes and
 * headers (source headers and provenance), record timestamp, raw partition and offset, and content hash. Kept in
 * {@link EnrichTopology#PENDING_STORE} from its claim to its verdict.
 */
record PendingArticle(int partition, long offset, long timestamp, String hash, Headers headers, byte[] bytes) {

    /** Whether a verdict for raw partition/offset is about this version. */
    boolean is(int p, long o) {
        return partition == p && offset == o;
    }

    EnrichProcessors.Version version() {
        return new EnrichProcessors.Version(partition, offset, hash);
    }

    /** Compact binary serde for the pending store (and its changelog). */
    static Serde<PendingArticle> serde() {
        return new Serde<>() {
            @Override
            public Serializer<PendingArticle> serializer() {
                return (topic, p) -> p == null ? null : write(p);
            }

            @Override
            public Deserializer<PendingArticle> deserializer() {
                return (topic, b) -> b == null ? null : read(b);
            }
        };
    }

    private static final byte FORMAT = 1;

    static byte[] write(PendingArticle p) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(p.bytes.length + 256);
        try (DataOutputStream out = new DataOutputStream(buf)) {
            out.writeByte(FORMAT);
            out.writeInt(p.partition);
            out.writeLong(p.offset);
            out.writeLong(p.timestamp);
            out.writeUTF(p.hash);
            Header[] hs = p.headers.toArray();
            out.writeInt(hs.length);
            for (Header h : hs) {
                out.writeUTF(h.key());
                if (h.value() == null) {
                    out.writeInt(-1);
                } else {
                    out.writeInt(h.value().length);
                    out.write(h.value());
                }
            }
            out.writeInt(p.bytes.length);
            out.write(p.bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }

    static PendingArticle read(byte[] b) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(b))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown pending-article format " + format);
            }
            int partition = in.readInt();
            long offset = in.readLong();
            long timestamp = in.readLong();
            String hash = in.readUTF();
            int n = in.readInt();
            RecordHeaders headers = new RecordHeaders();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                int len = in.readInt();
                byte[] value = null;
                if (len >= 0) {
                    value = new byte[len];
                    in.readFully(value);
                }
                headers.add(key, value);
            }
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            return new PendingArticle(partition, offset, timestamp, hash, headers, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
