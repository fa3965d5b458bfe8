package io.khabar.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLettersTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldWriteReasonAndMessageAsSeparateHeaders() {
        ProducerRecord<byte[], byte[]> dl = DeadLetters.builder(Stage.SINK, DeadLetterReasons.MISSING_ID)
                .message("the article has no id: really")
                .source("t", 2, 7L)
                .value("{}".getBytes(StandardCharsets.UTF_8))
                .time(T)
                .build();

        assertThat(dl.topic()).isEqualTo(Topics.DEAD_LETTER);
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.STAGE)).isEqualTo("sink");
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.REASON)).isEqualTo("missing-id");
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.ERROR_MESSAGE))
                .isEqualTo("the article has no id: really");
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("7");
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.TIME)).isEqualTo("2026-01-01T00:00:00Z");
        assertThat(dl.headers().lastHeader(DeadLetters.VALUE_TRUNCATED)).isNull();
        assertThat(dl.value()).isEqualTo("{}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldBoundEverythingASourceControls() {
        byte[] huge = new byte[20 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'x');
        RecordHeaders original = new RecordHeaders();
        original.add("small", "kept".getBytes(StandardCharsets.UTF_8));
        original.add("big", new byte[1024 * 1024]);
        original.add(DeadLetters.REASON, "forged".getBytes(StandardCharsets.UTF_8));

        ProducerRecord<byte[], byte[]> dl = DeadLetters.builder(Stage.ENRICH, DeadLetterReasons.TOO_LARGE)
                .message("m".repeat(1_000_000))
                .location("l".repeat(1_000_000))
                .key(new byte[100_000])
                .value(huge)
                .headers(original)
                .build();

        assertThat(dl.value()).hasSize(DeadLetters.DEFAULT_MAX_VALUE_BYTES);
        assertThat(dl.key()).hasSize(DeadLetters.MAX_KEY_BYTES);
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.VALUE_TRUNCATED))
                .isEqualTo("true");
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.VALUE_ORIGINAL_BYTES))
                .isEqualTo(String.valueOf(huge.length));
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.VALUE_SHA256)).hasSize(64);
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.KEY_ORIGINAL_BYTES))
                .isEqualTo("100000");
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.HEADERS_DROPPED))
                .isEqualTo("1");
        assertThat(DeadLetters.header(dl.headers(), "small")).isEqualTo("kept");
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.REASON)).isEqualTo("too-large");
        assertThat(DeadLetters.header(dl.headers(), DeadLetters.ERROR_MESSAGE).length())
                .isLessThan(DeadLetters.MAX_TEXT_CHARS + 40);
        long headerBytes = 0;
        for (Header h : dl.headers()) {
            headerBytes += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        assertThat(headerBytes + dl.key().length + dl.value().length)
                .as("a dead letter always fits the default 1 MiB producer request")
                .isLessThan(1024 * 1024 - 1024);
    }

    @Test
    void shouldRefuseEpochSecondsThatWouldWrapIntoAPlausibleDate() {
        String ok = "{\"schemaVersion\":1,\"id\":\"c-1\",\"body\":\"b\",\"publishedAt\":1700000000}";
        assertThat(JsonSerde.rawArticle()
                        .fromBytes(ok.getBytes(StandardCharsets.UTF_8))
                        .publishedAt())
                .isEqualTo(Instant.ofEpochSecond(1700000000L));
        for (String n : new String[] {"1e999999999", "-1e999999999", "99999999999999999999999999", "253402300800"}) {
            byte[] json = ok.replace("1700000000", n).getBytes(StandardCharsets.UTF_8);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> JsonSerde.rawArticle().fromBytes(json))
                    .as(n)
                    .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class);
        }
    }

    @Test
    void shouldNameEveryStageByItsLowerCaseId() {
        assertThat(Stage.of("ingest")).isEqualTo(Stage.INGEST);
        assertThat(Stage.of("nope")).isNull();
        assertThat(Stage.ENRICH.id()).isEqualTo("enrich");
        assertThat(DeadLetterReasons.ALL).doesNotHaveDuplicates().containsAll(DeadLetterReasons.ENRICH);
    }
}
