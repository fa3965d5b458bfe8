package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.UrduNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, sixth session: the general-knowledge places and institutions at the end of {@code gazetteer/locations.tsv}
 * and {@code gazetteer/organizations.tsv} find names no context marks, without tagging the common words and the
 * spellings across spaces that look like them (sentences written for the test).
 */
class PlacesAndInstitutionsGazetteerTest {
    private static final UrduNormalizer NORMALIZER = new UrduNormalizer();
    private static final String MARKER = "# Issue 15, sixth session";

    private static List<Entity> tag(String body) {
        return TestTaggers.DEFAULT.tagArticle(null, NORMALIZER.normalize(body), null);
    }

    private static List<Entity> of(List<Entity> entities, EntityType type) {
        return entities.stream().filter(e -> e.type() == type).toList();
    }

    @Test
    void shouldFindPlacesNamedWithoutAnyContext() {
        List<Entity> out = tag("نوشکی اور دالبندین کے درمیان سڑک بند ہے جبکہ پہلگام میں برف باری ہوئی۔");
        assertThat(of(out, EntityType.LOCATION))
                .extracting(Entity::text, Entity::canonicalName)
                .containsExactly(tuple("نوشکی", "Noshki"), tuple("دالبندین", "Dalbandin"), tuple("پہلگام", "Pahalgam"));
    }

    @Test
    void shouldFindInstitutionsByNameAndByAcronym() {
        List<Entity> out =
                tag("ایس آئی ایف سی کے اجلاس کے بعد پنجاب اسمبلی نے بینظیر انکم سپورٹ پروگرام کا بجٹ منظور کیا۔");
        assertThat(of(out, EntityType.ORGANIZATION))
                .extracting(Entity::text, Entity::canonicalName)
                .containsExactly(
                        tuple("ایس آئی ایف سی", "Special Investment Facilitation Council"),
                        tuple("پنجاب اسمبلی", "Provincial Assembly of the Punjab"),
                        tuple("بینظیر انکم سپورٹ پروگرام", "Benazir Income Support Programme"));
        assertThat(of(out, EntityType.LOCATION)).isEmpty();
        assertThat(of(out, EntityType.PERSON)).isEmpty();
    }

    @Test
    void shouldReadAnInstitutionOrPlaceNamedAfterAPersonAsTheInstitutionOrPlace() {
        // جناح, پرل and اقبال alone are people; the hospital, the harbour and the town are not
        List<Entity> out =
                tag("زخمیوں کو جناح ہسپتال منتقل کیا گیا۔ پرل ہاربر پر حملہ ہوا۔ وہ علامہ اقبال ٹاؤن میں رہتے ہیں۔");
        assertThat(out)
                .filteredOn(e -> e.type() != EntityType.DATE)
                .extracting(Entity::text, Entity::type)
                .containsExactly(
                        tuple("جناح ہسپتال", EntityType.ORGANIZATION),
                        tuple("پرل ہاربر", EntityType.LOCATION),
                        tuple("علامہ اقبال ٹاؤن", EntityType.LOCATION));
    }

    @Test
    void shouldNotTagACommonWordThatIsAlsoThePlaceName() {
        // کیچ "catch" (Kech), برسا "rained" (Bursa), پروان "grow" (Parwan), جنین "embryo" (Jenin): the one-word
        // forms are left out, the district after ضلع is still a place by rule
        List<Entity> out = tag(
                "فیلڈر نے آسان کیچ چھوڑ دیا۔ رات بھر بادل برسا۔ یہ سوچ پروان چڑھی۔ رحم میں جنین کی نشوونما ہوتی ہے۔");
        assertThat(of(out, EntityType.LOCATION)).isEmpty();
    }

    @Test
    void shouldNotMatchAnInstitutionSpelledAcrossTheSpacesOfOtherWords() {
        // spaces are not part of match keys: کیس کو is کیسکو (QESCO), کمال یہ is کمالیہ, کو لگام is کولگام,
        // کے پیٹی is کے پی ٹی (Karachi Port Trust); those forms are left out
        List<Entity> out =
                tag("عدالت نے کیس کو ملتوی کر دیا۔ کمال یہ ہے کہ گھوڑے کو لگام دی گئی اور بچے کے پیٹی باندھی گئی۔");
        assertThat(out).noneMatch(e -> e.type() == EntityType.ORGANIZATION || e.type() == EntityType.LOCATION);
    }

    @Test
    void shouldNotPutTheNationalityAdjectiveIntoAnInstitutionsName() {
        // the corpora tag the institution, not "the American ..." (dropped after the A halves: امریکی سینیٹ)
        List<Entity> out = tag("امریکی محکمہ انصاف اور روسی وزارت خارجہ نے بیان جاری کیا۔");
        assertThat(out).noneMatch(e -> e.text().startsWith("امریکی") || e.text().startsWith("روسی"));
    }

    @Test
    void shouldKeepEveryNewFormItsTypeAndNoOneWordFormACommonWord() throws IOException {
        Gazetteer defaults = Gazetteer.defaults();
        Set<String> nationalities =
                Set.of("امریکی", "روسی", "بھارتی", "چینی", "ایرانی", "برطانوی", "افغان", "اسرائیلی");
        int checked = 0;
        for (String file : List.of("gazetteer/locations.tsv", "gazetteer/organizations.tsv")) {
            int from = markerLine(file);
            for (GazetteerEntry e : Gazetteer.readResource(file)) {
                int line = Integer.parseInt(e.source().substring(e.source().lastIndexOf(':') + 1));
                if (line <= from) {
                    continue;
                }
                for (String form : e.forms()) {
                    checked++;
                    GazetteerEntry winner = defaults.lookup(form);
                    assertThat(winner).as(form).isNotNull();
                    assertThat(winner.type())
                            .as(form + " (" + winner.source() + ")")
                            .isEqualTo(e.type());
                    Tokens t = Tokens.of(form);
                    if (t.size == 1) {
                        assertThat(Lexicon.COMMON).as(form).doesNotContain(Keys.of(form));
                    }
                    String first = form.substring(t.start[0], t.end[0]);
                    if (e.type() == EntityType.ORGANIZATION && t.size > 1 && nationalities.contains(first)) {
                        assertThat(form)
                                .as("nationality before an institution")
                                .isIn("چینی کمیونسٹ پارٹی", "افغان کرکٹ بورڈ");
                    }
                }
            }
        }
        assertThat(checked).isGreaterThan(1500);
    }

    private static int markerLine(String resource) throws IOException {
        try (InputStream in = Gazetteer.class.getResourceAsStream(resource);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            int no = 0;
            String line;
            while ((line = r.readLine()) != null) {
                no++;
                if (line.startsWith(MARKER)) {
                    return no;
                }
            }
        }
        throw new AssertionError("no '" + MARKER + "' section in " + resource);
    }
}
