package io.khabar.enrich.stories;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.khabar.model.EnrichedArticle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.List;

/**
 * What flows through the story topics (see {@link StoryTopology}). Only ENTRIES (ENTRY in older records), REPLY and
 * CORRECTION cross a topic, each a few hundred bytes at most; DONE (which carries the article) stays inside its task.
 *
 * @param kind       what it is
 * @param id         the article the message is about: for ENTRY the new article, for REPLY and CORRECTION the
 *                   article that receives it
 * @param hash       story version of that article (see {@link #version(String)}), so replies for an older version
 *                   are ignored
 * @param order      event time (epoch ms) of the article of {@code id}: publication time, else fetch time
 * @param band       the band that answers (REPLY only), so a duplicate reply is not counted twice
 * @param partition  the partition of the task that holds the state of the article of {@code id} (the partition its
 *                   enriched record was on): REPLY and CORRECTION are routed there, not by a hash of the id, since
 *                   the enriched stream stays on the raw topic's partitions (null in older messages: by hash)
 * @param sig        MinHash signature (ENTRY only), on the wire as base64 of its big-endian ints (a JSON array of
 *                   numbers is read too)
 * @param candidates similar earlier-or-later articles found in one band (REPLY) or one earlier article (CORRECTION)
 * @param article    the finished enriched article (DONE only)
 * @param at         the window-store time (slot) of the state and stored article of {@code id} (ENTRY, band members,
 *                   REPLY and CORRECTION), so that the receiving task reads them with a point lookup instead of a scan
 *                   over the store's retention; null in older messages (then the latest entry is read)
 * @param mask       the bands a REPLY answers for (bit {@code b} for band {@code b}): one REPLY per article and band
 *                   partition answers all the bands of that partition; null in a REPLY for the one band {@code band}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StoryMessage(
        Kind kind,
        String id,
        String hash,
        long order,
        Integer band,
        Integer partition,

        @JsonSerialize(using = SigSerializer.class) @JsonDeserialize(using = SigDeserializer.class)
        int[] sig,

        List<Candidate> candidates,
        EnrichedArticle article,
        Long at,
        Long mask) {

    /** A message without a reply mask (see {@code mask}). */
    public StoryMessage(
            Kind kind,
            String id,
            String hash,
            long order,
            Integer band,
            Integer partition,
            int[] sig,
            List<Candidate> candidates,
            EnrichedArticle article,
            Long at) {
        this(kind, id, hash, order, band, partition, sig, candidates, article, at, null);
    }

    /** A message without a slot time (see {@code at}). */
    public StoryMessage(
            Kind kind,
            String id,
            String hash,
            long order,
            Integer band,
            Integer partition,
            int[] sig,
            List<Candidate> candidates,
            EnrichedArticle article) {
        this(kind, id, hash, order, band, partition, sig, candidates, article, null, null);
    }

    /** Message kinds. */
    public enum Kind {
        /**
         * An article's entry into the band buckets of one partition of the band repartition (keyed by article id):
         * the signature once for all its bands. The topic's partitioner sends it to every partition that holds one of
         * its band buckets and writes the topic's partition count in a header; each partition handles the bands whose
         * keys it holds ({@link StoryProcessors.ByBandPartition}).
         */
        ENTRIES,
        /** An article's entry into one band bucket (keyed by band key): a band bucket member; older band records. */
        ENTRY,
        /**
         * The answer of a band partition to ENTRIES (of one band to an older ENTRY): the earliest similar member found
         * in those bands, and which bands answered ({@code mask}, or {@code band}); keyed by the new article's id.
         */
        REPLY,
        /** An earlier article found later than a member it resembles: tells the member (keyed by member id). */
        CORRECTION,
        /** An article that needs no band lookup (too short), finished at once; never crosses a topic. */
        DONE
    }

    /** A candidate story article and its estimated similarity to the article receiving it. */
    public record Candidate(String id, long order, double similarity) {}

    /** True when article (order a, id ia) is earlier than (order b, id ib): event time, then id. */
    public static boolean before(long a, String ia, long b, String ib) {
        return a < b || (a == b && ia.compareTo(ib) < 0);
    }

    /**
     * The story version of a content hash: its first 16 hex digits (64 bits; {@code sha256:} dropped). It only has
     * to tell apart the versions of one article id, and it is carried by every story message and state.
     */
    public static String version(String contentHash) {
        if (contentHash == null) {
            return "";
        }
        String hex = contentHash.startsWith("sha256:") ? contentHash.substring(7) : contentHash;
        return hex.length() > 16 ? hex.substring(0, 16) : hex;
    }

    /** Writes a signature as base64 of its big-endian ints (4 bytes a value, about half the size of a number array). */
    static final class SigSerializer extends JsonSerializer<int[]> {
        @Override
        public void serialize(int[] sig, JsonGenerator g, SerializerProvider p) throws IOException {
            ByteBuffer b = ByteBuffer.allocate(sig.length * 4);
            b.asIntBuffer().put(sig);
            g.writeString(Base64.getEncoder().withoutPadding().encodeToString(b.array()));
        }
    }

    /** Reads a signature written by {@link SigSerializer}, or as a JSON array of numbers (older messages). */
    static final class SigDeserializer extends JsonDeserializer<int[]> {
        @Override
        public int[] deserialize(JsonParser p, DeserializationContext c) throws IOException {
            if (p.currentToken() == JsonToken.START_ARRAY) {
                return c.readValue(p, int[].class);
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(p.getValueAsString());
            } catch (IllegalArgumentException e) {
                return (int[])
                        c.handleWeirdStringValue(int[].class, p.getValueAsString(), "not base64: %s", e.getMessage());
            }
            if (bytes.length % 4 != 0) {
                return (int[]) c.handleWeirdStringValue(
                        int[].class, p.getValueAsString(), "signature of %d bytes, not a multiple of 4", bytes.length);
            }
            int[] sig = new int[bytes.length / 4];
            ByteBuffer.wrap(bytes).asIntBuffer().get(sig);
            return sig;
        }
    }
}
