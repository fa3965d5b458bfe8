package io.khabar.ner.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.khabar.model.EntityType;
import io.khabar.ner.EntityTagger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Corpus readers and scoring on made-up lines in each format (no corpus data). */
class CorporaTest {
    @Test
    void shouldReadInlineTagsAsSpansOfTheUntaggedSentence() {
        Corpora.Corpus c = Corpora.readInline(
                "t",
                List.of("<PERSON>عمران خان</PERSON> نے <LOCATION>لاہور</LOCATION> میں <NUMBER>دو</NUMBER> جلسے کیے۔"));
        Sentence s = c.sentences().get(0);
        assertThat(s.text()).isEqualTo("عمران خان نے لاہور میں دو جلسے کیے۔");
        assertThat(s.gold())
                .extracting(Span::type, Span::text)
                .containsExactly(tuple(EntityType.PERSON, "عمران خان"), tuple(EntityType.LOCATION, "لاہور"));
        assertThat(c.types()).containsExactlyInAnyOrder(EntityType.PERSON, EntityType.LOCATION);
    }

    @Test
    void shouldJoinRunsOfEqualIoTags() {
        Corpora.Corpus c = Corpora.readTokens(
                "t", List.of("نواز\tPERSON", "شریف\tPERSON", "لاہور\tLOCATION", "گئے\tO", "", "کراچی\tLOCATION"));
        assertThat(c.format()).isEqualTo("tokens-io");
        assertThat(c.sentences()).hasSize(2);
        assertThat(c.sentences().get(0).gold()).extracting(Span::text).containsExactly("نواز شریف", "لاہور");
    }

    @Test
    void shouldSplitBioEntitiesAtEachB() {
        Corpora.Corpus c = Corpora.readTokens(
                "t", List.of("دہلی\tB-NEL", "ممبئی\tB-NEL", "نیشنل_ہائی_وے\tB-NEO", "اتھارٹی\tI-NEO", "دو\tB-NEN"));
        assertThat(c.format()).isEqualTo("tokens-bio");
        assertThat(c.sentences().get(0).gold())
                .extracting(Span::type, Span::text)
                .containsExactly(
                        tuple(EntityType.LOCATION, "دہلی"),
                        tuple(EntityType.LOCATION, "ممبئی"),
                        tuple(EntityType.ORGANIZATION, "نیشنل ہائی وے اتھارٹی"));
    }

    @Test
    void shouldScoreExactSpansAndCountErrors() {
        Corpora.Corpus c = Corpora.readInline(
                "t",
                List.of(
                        "<LOCATION>کراچی</LOCATION> اور <LOCATION>زابلستانی پور</LOCATION> میں <PERSON>نواز شریف</PERSON>"));
        NerEvaluation.Report r = new NerEvaluation(EntityTagger.withDefaultGazetteers()).evaluate(c);
        assertThat(r.byType().get(EntityType.LOCATION).tp())
                .as("X پور is a place")
                .isEqualTo(2);
        assertThat(r.byType().get(EntityType.PERSON).tp()).isEqualTo(1);
        assertThat(r.overall(NerEvaluation.CORE).recall()).isGreaterThan(0.6);
    }
}
