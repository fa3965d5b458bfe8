package io.khabar.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.model.Json;
import io.khabar.text.TokenKind;
import io.khabar.text.TokenSequence;
import io.khabar.text.Tokenizer;
import io.khabar.text.UrduNormalizer;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The shingles and signatures of {@link MinHash} are a stored format: band buckets of earlier articles hold
 * signatures, so a faster implementation must give exactly the values of the one before it. {@link Reference} is
 * that implementation (boxed shingle set, each word encoded once per shingle), kept here as the specification.
 */
class MinHashTest {

    /** The repository's sibling ../shared (from enrich/streams: ../../../shared), or /work/shared where it lives here. */
    private static final Path REAL_NEWS = Files.isRegularFile(Path.of("../../../shared/real-news/articles.jsonl"))
            ? Path.of("../../../shared/real-news/articles.jsonl")
            : Path.of("/work/shared/real-news/articles.jsonl");

    private final MinHash minHash = new MinHash(3, 24, 3);
    private final Reference reference = new Reference(3, 24, 3);

    @Property(tries = 300)
    void shouldGiveTheReferenceShinglesAndSignature(@ForAll("texts") String title, @ForAll("texts") String body) {
        assertThat(minHash.shingles(title, body)).isEqualTo(reference.shingles(title, body));
        assertThat(minHash.signature(title, body)).isEqualTo(reference.signature(title, body));
    }

    @Test
    void shouldGiveNoSignatureBelowOneShingleAndCountRepeatedShinglesOnce() {
        assertThat(minHash.signature("", "دو لفظ")).isNull();
        assertThat(minHash.shingles(null, "ایک دو تین ایک دو تین ایک دو تین")).hasSize(3);
        assertThat(minHash.signature("ایک دو", "تین"))
                .isEqualTo(minHash.signature(null, "ایک دو تین"))
                .isEqualTo(reference.signature("ایک دو", "تین"));
    }

    @Test
    void shouldGiveTheReferenceSignatureOnEveryRealArticle() throws Exception {
        Path file = REAL_NEWS.toAbsolutePath().normalize();
        assumeTrue(
                Files.isRegularFile(file),
                "skipped: " + file + " is absent (the real-news corpus is not in the repository)");
        UrduNormalizer normalizer = new UrduNormalizer();
        int n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode j = Json.mapper().readTree(line);
                String title = normalizer.normalize(j.path("title").asText()).text();
                String body = normalizer.normalize(j.path("text").asText()).text();
                assertThat(minHash.signature(title, body))
                        .as("article %d", n)
                        .isEqualTo(reference.signature(title, body));
                n++;
            }
        }
        assertThat(n).isGreaterThan(1000);
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> word = Arbitraries.oneOf(
                Arbitraries.strings()
                        .withCharRange('\u0621', '\u06D3')
                        .ofMinLength(1)
                        .ofMaxLength(7),
                Arbitraries.strings().withCharRange('A', 'z').ofMinLength(1).ofMaxLength(6),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4),
                Arbitraries.of("،", "۔", "-", "\u200C", "😀", "İ", "ß", "Σ"));
        return word.list().ofMaxSize(40).map(ws -> String.join(" ", ws));
    }

    /** The implementation before 2026-12-03: a boxed shingle set, each word encoded to UTF-8 once per shingle. */
    private static final class Reference {
        private final int shingle;
        private final long[] seeds;
        private final Tokenizer tokenizer = new Tokenizer();

        Reference(int shingle, int bands, int rows) {
            this.shingle = shingle;
            this.seeds = new long[bands * rows];
            long s = 0x9E3779B97F4A7C15L;
            for (int i = 0; i < seeds.length; i++) {
                s = mix(s + 0x9E3779B97F4A7C15L);
                seeds[i] = s;
            }
        }

        List<String> words(String normalizedText) {
            TokenSequence tokens = tokenizer.scan(normalizedText == null ? "" : normalizedText);
            List<String> out = new ArrayList<>(tokens.size());
            for (int i = 0; i < tokens.size(); i++) {
                TokenKind kind = tokens.kind(i);
                if (kind == TokenKind.WORD || kind == TokenKind.NUMBER) {
                    out.add(tokens.text(i).toLowerCase(Locale.ROOT));
                }
            }
            return out;
        }

        Set<Long> shingles(String normalizedTitle, String normalizedBody) {
            List<String> w = words(normalizedTitle);
            w.addAll(words(normalizedBody));
            Set<Long> out = new HashSet<>();
            for (int i = 0; i + shingle <= w.size(); i++) {
                long h = 0xCBF29CE484222325L;
                for (int j = i; j < i + shingle; j++) {
                    for (byte b : w.get(j).getBytes(StandardCharsets.UTF_8)) {
                        h = (h ^ (b & 0xff)) * 0x100000001B3L;
                    }
                    h = (h ^ 0x20) * 0x100000001B3L;
                }
                out.add(mix(h));
            }
            return out;
        }

        int[] signature(String normalizedTitle, String normalizedBody) {
            Set<Long> shingles = shingles(normalizedTitle, normalizedBody);
            if (shingles.isEmpty()) {
                return null;
            }
            int[] sig = new int[seeds.length];
            java.util.Arrays.fill(sig, Integer.MAX_VALUE);
            for (long x : shingles) {
                for (int i = 0; i < seeds.length; i++) {
                    int v = (int) (mix(x ^ seeds[i]) >>> 33);
                    if (v < sig[i]) {
                        sig[i] = v;
                    }
                }
            }
            return sig;
        }

        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
