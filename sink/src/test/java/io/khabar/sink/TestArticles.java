package io.khabar.sink;

import io.khabar.model.ArticleEntities;
import io.khabar.model.EnrichedArticle;
import io.khabar.model.Entity;
import io.khabar.model.EntityType;
import io.khabar.model.RawArticle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/** Articles for tests: the seed article, and numbered Urdu articles of about 5 KB. */
public final class TestArticles {

    public static final Instant T = Instant.parse("2021-09-21T10:15:30.123456Z");

    private static final String PARAGRAPH =
            "وزیر اعظم عمران خان اور روسی صدر ولادی میر پیوٹن نے منگل کو ایک فون کال میں "
                    + "افغانستان میں تازہ ترین پیش رفت اور دو طرفہ تعاون پر خیالات کا تبادلہ کیا۔ ";

    private TestArticles() {}

    /** The seed article of the project (headline on the first line, then paragraphs), from ../shared/seeds. */
    public static String seedText() {
        for (String dir : List.of("../../shared/seeds", "../seeds", "../../seeds")) {
            Path d = Path.of(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> files = Files.list(d)) {
                    Path first = files.filter(p -> p.toString().endsWith(".txt"))
                            .sorted()
                            .findFirst()
                            .orElse(null);
                    if (first != null) {
                        return Files.readString(first, StandardCharsets.UTF_8);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("seed article not found in ../../shared/seeds (run from the sink module)");
    }

    /** The seed article, enriched by hand with entities whose surface forms are taken from its text. */
    public static EnrichedArticle seed() {
        String text = seedText().strip();
        int nl = text.indexOf('\n');
        String title = text.substring(0, nl).strip();
        String body = text.substring(nl + 1).strip();
        RawArticle raw = RawArticle.of(
                "file:seeds/000_94bf4fa7c7b18cfe.txt", "https://dunya.example/news/1", title, body, "ur", T, T, null);
        String person = "عمران خان";
        int p = body.indexOf(person);
        String putin = "پیوٹن";
        int t = title.indexOf(putin);
        List<Entity> entities = List.of(
                new Entity(
                        EntityType.PERSON,
                        putin,
                        Entity.TITLE,
                        t,
                        t + putin.length(),
                        t,
                        t + putin.length(),
                        "Vladimir Putin",
                        "Q7747",
                        Entity.Method.GAZETTEER),
                new Entity(
                        EntityType.PERSON,
                        person,
                        Entity.BODY,
                        p,
                        p + person.length(),
                        p,
                        p + person.length(),
                        "Imran Khan",
                        "Q193625",
                        Entity.Method.GAZETTEER));
        return new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                raw.contentHash(),
                raw,
                title,
                body,
                "ur",
                0.98,
                12,
                300,
                ArticleEntities.group(entities, ArticleEntities.FALLBACK_KEYS),
                "test",
                T);
    }

    /** Article number {@code i} (distinct id), body of about {@code bodyBytes} UTF-8 bytes, version {@code v}. */
    public static EnrichedArticle numbered(int i, int version, int bodyBytes) {
        StringBuilder body = new StringBuilder();
        int paragraphBytes = PARAGRAPH.getBytes(StandardCharsets.UTF_8).length;
        for (int size = 0; size < bodyBytes; size += paragraphBytes) {
            body.append(PARAGRAPH);
        }
        body.append("شمارہ ").append(i).append(" نسخہ ").append(version);
        String title = "خبر نمبر " + i + " — عمران خان";
        // As ingested, with the Arabic yeh that the normaliser turns into the Urdu one: raw and normalised differ.
        RawArticle raw = RawArticle.of(
                "test",
                "https://example.org/news/" + i,
                title.replace('ی', 'ي'),
                body.toString().replace('ی', 'ي'),
                "ur",
                T.plusSeconds(i),
                T.plusSeconds(i),
                null);
        int s = title.indexOf("عمران خان");
        int af = body.indexOf("افغانستان");
        List<Entity> entities = List.of(
                new Entity(
                        EntityType.PERSON,
                        "عمران خان",
                        Entity.TITLE,
                        s,
                        s + 9,
                        s,
                        s + 9,
                        "Imran Khan",
                        "Q193625",
                        Entity.Method.GAZETTEER),
                new Entity(
                        EntityType.LOCATION,
                        "افغانستان",
                        Entity.BODY,
                        af,
                        af + 9,
                        af,
                        af + 9,
                        "Afghanistan",
                        "Q889",
                        Entity.Method.GAZETTEER));
        return new EnrichedArticle(
                EnrichedArticle.SCHEMA_VERSION,
                raw.id(),
                raw.contentHash(),
                raw,
                title,
                body.toString(),
                "ur",
                0.97,
                3,
                120,
                ArticleEntities.group(entities, ArticleEntities.FALLBACK_KEYS),
                "v" + version,
                T.plusSeconds(i).plusMillis(version));
    }

    /** A small article. */
    public static EnrichedArticle numbered(int i) {
        return numbered(i, 1, 300);
    }
}
