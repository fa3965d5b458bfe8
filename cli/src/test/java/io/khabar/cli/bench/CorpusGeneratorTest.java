package io.khabar.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.RawArticle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorpusGeneratorTest {

    private static final Instant T = Instant.parse("2021-09-21T10:00:00Z");

    @Test
    void splitsSentencesOnUrduFullStopsAndLineBreaks() {
        assertThat(CorpusGenerator.sentencesOf("پہلا جملہ۔ دوسرا جملہ؟\nتیسرا"))
                .containsExactly("پہلا جملہ۔", "دوسرا جملہ؟", "تیسرا");
    }

    @Test
    void articlesHaveAboutTheRequestedSizeAndAreDistinctAndDeterministic() throws Exception {
        CorpusGenerator a = CorpusGenerator.fromSeeds(Path.of("..", "seeds"), 7);
        CorpusGenerator b = CorpusGenerator.fromSeeds(Path.of("..", "seeds"), 7);
        RawArticle first = a.next(0, 5000, T);
        RawArticle second = a.next(1, 5000, T);

        int bytes = first.body().getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isBetween(4500, 6500);
        assertThat(first.contentHash()).isNotEqualTo(second.contentHash());
        assertThat(first.id()).isNotEqualTo(second.id());
        assertThat(b.next(0, 5000, T)).isEqualTo(first);
    }

    @Test
    void addsOrthographicNoiseToSomeSentences() {
        List<String> sentences = List.of("یہ کہانی پاکستان کی ہے۔");
        CorpusGenerator noisy = new CorpusGenerator(sentences, 1, 1.0);
        String body = noisy.next(0, 20000, T).body();
        assertThat(body).containsAnyOf("ي", "ك", "ه");
        CorpusGenerator clean = new CorpusGenerator(sentences, 1, 0.0);
        assertThat(clean.next(0, 2000, T).body()).doesNotContain("ي", "ك", "ه");
    }
}
