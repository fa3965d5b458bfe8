package io.khabar.enrich;

import static io.khabar.enrich.TestArticles.article;
import static io.khabar.enrich.TestArticles.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.khabar.model.DeadLetterReasons;
import io.khabar.model.RawArticle;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How raw bytes are read, and why they are refused. */
class RawRecordSerdeTest {

    @Test
    void shouldKeepTheOriginalBytesAndWriteThemBackUnchanged() {
        RawArticle a = article(1);
        byte[] bytes = (" \n" + new String(json(a), StandardCharsets.UTF_8).replace("{", "{\"unknownField\":[1,2],"))
                .getBytes(StandardCharsets.UTF_8);
        RawRecord r = RawRecordSerde.parse(bytes);
        assertThat(r.article()).isEqualTo(a);
        assertThat(new RawRecordSerde().serializer().serialize("t", r)).isSameAs(bytes);
    }

    @Test
    void shouldParseRepartitionedBytesOnlyWhenTheArticleIsAskedFor() {
        RawArticle a = article(1);
        byte[] bytes = json(a);
        RawRecord r =
                RawRecordSerde.alreadyChecked().deserializer().deserialize("app-by-content-hash-repartition", bytes);
        assertThat(r.bytes()).isSameAs(bytes);
        assertThat(r.parsed()).isFalse();
        assertThat(r.article()).isEqualTo(a);
        assertThat(r.parsed()).isTrue();
        assertThat(RawRecordSerde.alreadyChecked().serializer().serialize("t", r))
                .isSameAs(bytes);
        assertThat(RawRecordSerde.alreadyChecked().deserializer().deserialize("t", null))
                .isNull();
        RawRecord broken = RawRecordSerde.alreadyChecked()
                .deserializer()
                .deserialize("t", "{\"id\": 5,".getBytes(StandardCharsets.UTF_8));
        assertThat(catchThrowableOfType(RejectedRecordException.class, broken::article)
                        .reason())
                .isEqualTo(DeadLetterReasons.MALFORMED_JSON);
    }

    @Test
    void shouldReadAnObjectAfterAByteOrderMark() {
        byte[] json = json(article(1));
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        assertThat(RawRecordSerde.parse(withBom).article()).isEqualTo(article(1));
    }

    @Test
    void shouldComputeTheContentHashWhenTheRecordHasNone() {
        RawArticle a = article(1);
        RawArticle noHash = new RawArticle(
                1, a.id(), a.source(), a.url(), a.title(), a.body(), null, null, a.fetchedAt(), null, null);
        assertThat(new RawRecord(new byte[0], noHash).contentHash()).isEqualTo(a.contentHash());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"id\": |malformed-json",
                "[1, 2|malformed-json",
                "[1, 2]|not-an-object",
                "\"just a string\"|not-an-object",
                "42|not-an-object",
                "{\"schemaVersion\": [1]}|wrong-types",
                "{\"publishedAt\": \"yesterday\"}|wrong-types",
                "{} {}|wrong-types",
                "nul|malformed-json"
            })
    void shouldNameTheReasonAJsonValueIsRefused(String value, String reason) {
        RejectedRecordException e = catchThrowableOfType(
                RejectedRecordException.class, () -> RawRecordSerde.parse(value.getBytes(StandardCharsets.UTF_8)));
        assertThat(e.reason()).isEqualTo(reason);
    }

    @Test
    void shouldTellBinaryFromBrokenUtf8() {
        assertThat(catchThrowableOfType(
                                RejectedRecordException.class, () -> RawRecordSerde.parse(new byte[] {'{', 0, '}'}))
                        .reason())
                .isEqualTo(DeadLetterReasons.BINARY);
        assertThat(catchThrowableOfType(
                                RejectedRecordException.class,
                                () -> RawRecordSerde.parse(new byte[] {'{', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'}))
                        .reason())
                .isEqualTo(DeadLetterReasons.INVALID_UTF8);
    }

    @Test
    void shouldAcceptUrduWithJoinersAndDigitsAsText() {
        assertThat(ArticleValidator.notTextReason(
                        "وزیرِ اعظم نے ۲۰۲۴ میں کہا\u200C کہ ۔۔۔ \"ٹھیک\" ہے\n\nدوسرا پیراگراف"))
                .isNull();
        assertThat(ArticleValidator.notTextReason("12345 !!! ۔۔۔")).contains("no letters");
        assertThat(ArticleValidator.notTextReason("خبر \uFFFD\uFFFD\uFFFD\uFFFD\uFFFD"))
                .contains("replacement");
    }
}
