package io.khabar.bench;

import io.khabar.model.Entity;
import io.khabar.ner.EntityTagger;
import io.khabar.ner.NameMemory;
import io.khabar.text.NormalizedText;
import io.khabar.text.UrduNormalizer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Entity tagging throughput on one thread with the full default gazetteers (CLDR names and curated lists):
 * {@link EntityTagger#tagArticle} on an already normalised news article. The {@code mbPerSecond} counter gives
 * the UTF-8 megabytes of article text (title + body) tagged per second on one core.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx512m"})
@Threads(1)
public class EntityTaggingBenchmark {
    /** A made-up article in the style of Urdu news (written for this benchmark, not taken from any corpus). */
    static final String TITLE =
            "وزیر اعظم شہباز شریف اور چینی صدر شی جن پنگ کی بیجنگ میں ملاقات، اقتصادی راہداری پر بات چیت";

    static final String BODY = String.join(
            "\n\n",
            "وزیر اعظم شہباز شریف نے منگل کو بیجنگ میں چینی صدر شی جن پنگ سے ملاقات کی جس میں دو طرفہ تعلقات، "
                    + "تجارت اور چین پاکستان اقتصادی راہداری کے دوسرے مرحلے پر تفصیلی بات چیت ہوئی۔",
            "دفتر خارجہ کے ترجمان نے اسلام آباد میں ہفتہ وار بریفنگ میں بتایا کہ دونوں رہنماؤں نے شنگھائی تعاون تنظیم "
                    + "(ایس سی او) کے آئندہ اجلاس کی تیاریوں کا بھی جائزہ لیا، جو رواں سال اکتوبر میں ہو گا۔",
            "وزیر خارجہ اسحاق ڈار، وزیر خزانہ اور وزیر منصوبہ بندی احسن اقبال بھی وفد میں شامل تھے۔ وفد نے شنگھائی "
                    + "میں سرمایہ کاروں سے ملاقاتیں کیں اور گوادر بندرگاہ میں نئے منصوبوں کی پیشکش کی۔",
            "گزشتہ ماہ آئی ایم ایف کے وفد نے کراچی اور لاہور کا دورہ کیا تھا، جبکہ عالمی بینک نے 14 اگست 2023 کو "
                    + "سیلاب سے متاثرہ علاقوں کے لیے امداد کا اعلان کیا تھا۔ سٹیٹ بینک آف پاکستان کے مطابق زرمبادلہ کے ذخائر "
                    + "میں گزشتہ ہفتے اضافہ ہوا۔",
            "دوسری جانب پاکستان تحریک انصاف کے رہنما شاہ محمود قریشی نے کہا کہ حکومت کو پارلیمنٹ کو اعتماد میں لینا "
                    + "چاہیے۔ پاکستان پیپلز پارٹی کے چیئرمین بلاول بھٹو زرداری نے کراچی میں ایک جلسے سے خطاب کرتے ہوئے کہا "
                    + "کہ سندھ اور بلوچستان کے عوام کو منصوبوں میں حصہ ملنا چاہیے۔",
            "اقوام متحدہ کے سیکرٹری جنرل انتونیو گوتریس نے نیویارک میں ایک بیان میں افغانستان اور ایران کی سرحد پر "
                    + "انسانی صورتحال پر تشویش کا اظہار کیا۔ امریکی وزیر خارجہ انٹونی بلنکن نے واشنگٹن میں کہا کہ امریکہ "
                    + "خطے میں امن کے لیے کام کرتا رہے گا۔",
            "خیبر پختونخوا کے وزیر اعلیٰ نے پشاور میں پولیس کے شہداء کی یاد میں تقریب سے خطاب کیا، جبکہ سپریم کورٹ "
                    + "نے الیکشن کمیشن کو 25 دسمبر تک جواب جمع کرانے کی ہدایت کی۔");

    private EntityTagger tagger;
    private EntityTagger withMemory;
    private NormalizedText title;
    private NormalizedText body;
    private final LocalDate published = LocalDate.of(2023, 9, 12);
    private int bytesPerArticle;

    /** Bytes tagged, reported as a rate (MB/s) next to the ops/s score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Bytes {
        /** Megabytes of article text tagged. */
        public double mbPerSecond;
    }

    /** Builds the tagger with all default gazetteers and normalises the article once. */
    @Setup(Level.Trial)
    public void setUp() {
        tagger = EntityTagger.withDefaultGazetteers();
        UrduNormalizer normalizer = new UrduNormalizer();
        title = normalizer.normalize(TITLE);
        body = normalizer.normalize(BODY);
        bytesPerArticle = TITLE.getBytes(StandardCharsets.UTF_8).length + BODY.getBytes(StandardCharsets.UTF_8).length;
        // a memory of 5,000 active names (made-up two-word names), so the memory pass walks a realistic trie
        NameMemory memory = new NameMemory();
        String[] a = {"زرتاش", "گلبد", "فرخان", "ماہنور", "سارنگ", "دلاور", "شہزین", "قمرین", "نایاب", "ریحام"};
        List<NameMemory.Observation> names = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            String first = a[i % 10] + a[(i / 10) % 10].substring(0, 2);
            String last = a[(i / 100) % 10] + a[(i / 1000) % 10].substring(1, 3);
            names.add(new NameMemory.Observation(
                    io.khabar.model.EntityType.PERSON, first + " " + last, NameMemory.Evidence.SPEECH.bit()));
        }
        memory.observe(names, published);
        withMemory = tagger.withMemory(memory);
        List<NameMemory.Observation> seen = new java.util.ArrayList<>();
        withMemory.tagArticle(title, body, published, seen);
    }

    /** Tags one article with the name memory on: the memory pass, and the observations the pipeline learns from. */
    @Benchmark
    public List<Entity> tagArticleWithMemory(Bytes bytes) {
        bytes.mbPerSecond += bytesPerArticle / 1_000_000.0;
        List<NameMemory.Observation> seen = new java.util.ArrayList<>();
        List<Entity> out = withMemory.tagArticle(title, body, published, seen);
        return seen.isEmpty() ? out : out;
    }

    /** Tags one article (title and body, with coreference and date resolution). */
    @Benchmark
    public List<Entity> tagArticle(Bytes bytes) {
        bytes.mbPerSecond += bytesPerArticle / 1_000_000.0;
        return tagger.tagArticle(title, body, published);
    }
}
