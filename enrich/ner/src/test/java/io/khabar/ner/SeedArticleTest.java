package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.text.UrduNormalizer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The seed article (../shared/seeds or seeds/): every entity found, with the right canonical names. */
class SeedArticleTest {
    private static final LocalDate PUBLISHED = LocalDate.of(2021, 9, 15);
    private static List<Entity> entities;
    private static String title;
    private static String body;

    @BeforeAll
    static void tagSeed() throws IOException {
        Path seed = findSeed();
        assumeTrue(seed != null, "seed article not found in ../shared/seeds or seeds/: skipping");
        List<String> lines = Files.readAllLines(seed, StandardCharsets.UTF_8);
        title = lines.get(0);
        body = String.join("\n", lines.subList(1, lines.size()));
        UrduNormalizer n = new UrduNormalizer();
        entities = TestTaggers.DEFAULT.tagArticle(n.normalize(title), n.normalize(body), PUBLISHED);
    }

    private static Path findSeed() throws IOException {
        for (String dir : List.of("../../../shared/seeds", "../../seeds", "/work/shared/seeds")) {
            Path d = Path.of(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.list(d)) {
                    Path p = s.filter(f -> f.getFileName().toString().startsWith("000_")
                                    && f.toString().endsWith(".txt"))
                            .findFirst()
                            .orElse(null);
                    if (p != null) {
                        return p;
                    }
                }
            }
        }
        return null;
    }

    private static Map<String, Set<String>> canonicalByText(EntityType type) {
        return entities.stream()
                .filter(e -> e.type() == type)
                .collect(Collectors.groupingBy(
                        Entity::text, Collectors.mapping(e -> String.valueOf(e.canonicalName()), Collectors.toSet())));
    }

    @Test
    void shouldFindEveryPersonWithCanonicalName() {
        Map<String, Set<String>> people = canonicalByText(EntityType.PERSON);
        assertThat(people)
                .containsEntry("عمران خان", Set.of("Imran Khan"))
                .containsEntry("عمران", Set.of("Imran Khan"))
                .containsEntry("ولادی میر پیوٹن", Set.of("Vladimir Putin"))
                .containsEntry("پیوٹن", Set.of("Vladimir Putin"))
                .containsEntry("سرگئی لاوروف", Set.of("Sergey Lavrov"))
                .containsEntry("لاوروف", Set.of("Sergey Lavrov"));
        assertThat(people.keySet())
                .containsOnly("عمران خان", "عمران", "ولادی میر پیوٹن", "پیوٹن", "سرگئی لاوروف", "لاوروف");
    }

    @Test
    void shouldLinkTheTitlesShortMentionsToTheFullNamesInTheBody() {
        assertThat(entities)
                .filteredOn(e -> e.field().equals(Entity.TITLE) && e.type() == EntityType.PERSON)
                .extracting(Entity::text, Entity::canonicalName)
                .contains(
                        org.assertj.core.groups.Tuple.tuple("پیوٹن", "Vladimir Putin"),
                        org.assertj.core.groups.Tuple.tuple("عمران", "Imran Khan"));
        assertThat(entities)
                .filteredOn(e -> e.text().equals("عمران"))
                .allSatisfy(e -> assertThat(e.method()).isEqualTo(Entity.Method.COREFERENCE));
    }

    @Test
    void shouldFindEveryPlace() {
        Map<String, Set<String>> places = canonicalByText(EntityType.LOCATION);
        assertThat(places)
                .containsEntry("روس", Set.of("Russia"))
                .containsEntry("افغانستان", Set.of("Afghanistan"))
                .containsEntry("پاکستان", Set.of("Pakistan"))
                .containsEntry("اسلام آباد", Set.of("Islamabad"));
        assertThat(places.keySet()).containsOnly("روس", "افغانستان", "پاکستان", "اسلام آباد");
    }

    @Test
    void shouldFindOrganisationsAndTheAcronymAlias() {
        Map<String, Set<String>> orgs = canonicalByText(EntityType.ORGANIZATION);
        assertThat(orgs)
                .containsEntry("شنگھائی تعاون تنظیم", Set.of("Shanghai Cooperation Organisation"))
                .containsEntry("ایس سی او", Set.of("Shanghai Cooperation Organisation"))
                .containsEntry("دفتر خارجہ", Set.of("Ministry of Foreign Affairs (Pakistan)"))
                .containsEntry("پی ایم او", Set.of("Prime Minister's Office (Pakistan)"))
                .containsEntry("وزیراعظم آفس", Set.of("Prime Minister's Office (Pakistan)"));
    }

    @Test
    void shouldFindDesignations() {
        Map<String, Set<String>> titles = canonicalByText(EntityType.DESIGNATION);
        assertThat(titles)
                .containsEntry("وزیر اعظم", Set.of("Prime Minister"))
                .containsEntry("صدر", Set.of("President"))
                .containsEntry("وزیر خارجہ", Set.of("Foreign Minister"))
                .containsEntry("ترجمان", Set.of("Spokesperson"));
    }

    @Test
    void shouldResolveDatesAgainstThePublicationDate() {
        Map<String, Set<String>> dates = canonicalByText(EntityType.DATE);
        assertThat(dates)
                .containsEntry("25 اگست", Set.of("2021-08-25"))
                .containsEntry("منگل", Set.of("2021-09-14"))
                .containsEntry("گزشتہ ماہ", Set.of("2021-08"))
                .containsEntry("رواں سال اپریل", Set.of("2021-04"))
                .containsEntry("گزشتہ سال", Set.of("2020"))
                .containsEntry("جولائی", Set.of("2021-07"));
    }

    @Test
    void shouldTagNoCommonWord() {
        Set<String> common = Set.of(
                "کہا",
                "نے",
                "کی",
                "اور",
                "تعاون",
                "بیان",
                "عوام",
                "ملک",
                "امن",
                "پریس ریلیز",
                "بین الاقوامی",
                "برادری",
                "روسی",
                "افغان",
                "ٹرویکا پلس",
                "عرب",
                "مون سون",
                "سمٹ",
                "فوجی");
        assertThat(entities).extracting(Entity::text).doesNotContainAnyElementsOf(common);
        assertThat(entities)
                .allSatisfy(e -> assertThat(e.canonicalName()).as(e.toString()).isNotNull());
    }

    @Test
    void shouldMapOffsetsIntoBothNormalisedAndOriginalText() {
        UrduNormalizer n = new UrduNormalizer();
        String normalizedBody = n.normalize(body).text();
        for (Entity e : entities) {
            String field = e.field().equals(Entity.TITLE) ? n.normalize(title).text() : normalizedBody;
            assertThat(field.substring(e.start(), e.end())).isEqualTo(e.text());
            String original = e.field().equals(Entity.TITLE) ? title : body;
            assertThat(original.substring(e.originalStart(), e.originalEnd())).isNotBlank();
        }
    }
}
