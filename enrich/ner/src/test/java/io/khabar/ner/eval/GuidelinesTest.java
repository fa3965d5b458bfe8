package io.khabar.ner.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.khabar.model.EntityType;
import io.khabar.ner.EntityTagger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Translation of the tagger's spans into a corpus's annotation guidelines (made-up sentences, no corpus data). */
class GuidelinesTest {
    private static Span span(String text, String part, EntityType type) {
        int at = text.indexOf(part);
        return new Span(at, at + part.length(), type, part, "RULE");
    }

    @Test
    void shouldMergeAdjacentSpansOfOneTypeInIoFiles() {
        String t = "جب پاکستان بھارت سے جنگ ہارا ، پاکستان ، بھارت";
        List<Span> in = List.of(span(t, "بھارت", EntityType.LOCATION), span(t, "پاکستان", EntityType.LOCATION));
        List<Span> out = Guidelines.IO.apply(t, in);
        assertThat(out).extracting(Span::text).containsExactly("پاکستان بھارت");
    }

    @Test
    void shouldKeepSpansApartWhenATokenOrAnotherTypeIsBetween() {
        String t = "پاکستان ، بھارت اور عمران خان لاہور";
        List<Span> in = List.of(
                span(t, "پاکستان", EntityType.LOCATION),
                span(t, "بھارت", EntityType.LOCATION),
                span(t, "عمران خان", EntityType.PERSON),
                span(t, "لاہور", EntityType.LOCATION));
        assertThat(Guidelines.IO.apply(t, in))
                .extracting(Span::text)
                .containsExactly("پاکستان", "بھارت", "عمران خان", "لاہور");
        assertThat(Guidelines.KHABAR.apply(t, in)).isEqualTo(in);
    }

    @Test
    void shouldPutTitlesOfAddressButNotOfficesIntoJahangirNames() {
        String t = "صدر بش اور چیئرمین شہریار خان نے صوبہ بلوچستان اور شہر کوئٹہ کا دورہ کیا";
        List<Span> in = List.of(
                span(t, "بش", EntityType.PERSON),
                span(t, "شہریار خان", EntityType.PERSON),
                span(t, "بلوچستان", EntityType.LOCATION),
                span(t, "کوئٹہ", EntityType.LOCATION));
        assertThat(Guidelines.JAHANGIR.apply(t, in))
                .extracting(Span::type, Span::text)
                .containsExactly(
                        tuple(EntityType.PERSON, "صدر بش"),
                        tuple(EntityType.PERSON, "شہریار خان"),
                        tuple(EntityType.LOCATION, "صوبہ بلوچستان"),
                        tuple(EntityType.LOCATION, "کوئٹہ"));
    }

    @Test
    void shouldPutANationalityAndTheOfficeAfterItIntoJahangirNamesButNotAnOfficeAlone() {
        String t = "برطانوی وزیر خارجہ ہیری لانگ نے وزیراعظم ٹام ویسٹ سے ملاقات کی";
        List<Span> in = List.of(span(t, "ہیری لانگ", EntityType.PERSON), span(t, "ٹام ویسٹ", EntityType.PERSON));
        assertThat(Guidelines.JAHANGIR.apply(t, in))
                .extracting(Span::text)
                .containsExactly("برطانوی وزیر خارجہ ہیری لانگ", "ٹام ویسٹ");
        String u = "امریکی صدر بش اور پاکستانی سفیر ہیری لانگ";
        List<Span> in2 = List.of(span(u, "بش", EntityType.PERSON), span(u, "ہیری لانگ", EntityType.PERSON));
        assertThat(Guidelines.JAHANGIR.apply(u, in2))
                .extracting(Span::text)
                .containsExactly("امریکی صدر بش", "ہیری لانگ");
        assertThat(Guidelines.IO.apply(u, in2)).isEqualTo(in2);
    }

    @Test
    void shouldPutFormsOfAddressAndTwoTitlesIntoJahangirNames() {
        String t = "مسٹر لانگ نے صدر جنرل ویسٹ سے کہا";
        List<Span> in = List.of(span(t, "لانگ", EntityType.PERSON), span(t, "ویسٹ", EntityType.PERSON));
        assertThat(Guidelines.JAHANGIR.apply(t, in))
                .extracting(Span::text)
                .containsExactly("مسٹر لانگ", "صدر جنرل ویسٹ");
    }

    @Test
    void shouldReadALoneHeadOfGovernmentTitleAsThePersonInUnerButNotATitleBeforeANameNorTheOffice() {
        String t = "وزیرِ اعظم نے جلسے سے خطاب کیا جبکہ وزیراعظم سلیم ناصر اور صدر نے شرکت کی";
        List<Span> in = List.of(
                span(t, "وزیرِ اعظم", EntityType.DESIGNATION),
                span(t, "وزیراعظم", EntityType.DESIGNATION),
                span(t, "سلیم ناصر", EntityType.PERSON),
                span(t, "صدر", EntityType.DESIGNATION));
        assertThat(Guidelines.UNER.apply(t, in))
                .extracting(Span::type, Span::text)
                .containsExactly(
                        tuple(EntityType.PERSON, "وزیرِ اعظم"),
                        tuple(EntityType.DESIGNATION, "وزیراعظم"),
                        tuple(EntityType.PERSON, "سلیم ناصر"),
                        tuple(EntityType.DESIGNATION, "صدر"));
        String u = "وزیر اعظم بننے کے بعد وہ وزیر اعظم کے عہدے سے الگ ہوئے";
        List<Span> in2 = List.of(
                span(u, "وزیر اعظم", EntityType.DESIGNATION),
                new Span(
                        u.lastIndexOf("وزیر اعظم"),
                        u.lastIndexOf("وزیر اعظم") + 9,
                        EntityType.DESIGNATION,
                        "وزیر اعظم"));
        assertThat(Guidelines.UNER.apply(u, in2)).extracting(Span::type).containsOnly(EntityType.DESIGNATION);
        assertThat(Guidelines.KHABAR.apply(t, in)).isEqualTo(in);
    }

    @Test
    void shouldChooseGuidelinesFromFormatNameAndTagSet() {
        Corpora.Corpus jahangir = Corpora.readTokens(
                "held-back.tsv", List.of("صدر\tPERSON", "بش\tPERSON", "نے\tO", "پیر\tDATE", "کو\tO"));
        Corpora.Corpus ijcnlp = Corpora.readTokens(
                "other.tsv", List.of("صدر\tDESIGNATION", "بش\tPERSON", "نے\tO", "پیر\tTIME", "کو\tO"));
        Corpora.Corpus bio = Corpora.readTokens("jahangir-bio.tsv", List.of("دہلی\tB-NEL", "ممبئی\tB-NEL"));
        Corpora.Corpus inline = Corpora.readInline("x", List.of("<PERSON>بش</PERSON> نے"));
        assertThat(Guidelines.forCorpus(jahangir)).isSameAs(Guidelines.JAHANGIR);
        assertThat(Guidelines.forCorpus(ijcnlp)).isSameAs(Guidelines.IO);
        assertThat(Guidelines.forCorpus(bio)).isSameAs(Guidelines.KHABAR);
        assertThat(Guidelines.forCorpus(inline)).isSameAs(Guidelines.UNER);
    }

    @Test
    void shouldScoreIoCorporaOnMergedSpansAndReportTheTaggersOwnSpans() {
        Corpora.Corpus c = Corpora.readTokens(
                "t.tsv",
                List.of(
                        "جب\tO",
                        "پاکستان\tLOCATION",
                        "بھارت\tLOCATION",
                        "سے\tO",
                        "جنگ\tO",
                        "ہارا\tO",
                        "۔\tO",
                        "",
                        "صدر\tPERSON",
                        "پرویز\tPERSON",
                        "مشرف\tPERSON",
                        "نے\tO",
                        "پیر\tDATE",
                        "کو\tO",
                        "کہا\tO"));
        NerEvaluation.Report r = new NerEvaluation(EntityTagger.withDefaultGazetteers()).evaluate(c);
        assertThat(r.guidelines()).isSameAs(Guidelines.JAHANGIR);
        assertThat(r.byType().get(EntityType.LOCATION).tp()).isEqualTo(1);
        assertThat(r.byType().get(EntityType.PERSON).tp()).isEqualTo(1);
        assertThat(r.ownSpans().tp())
                .as("the tagger's own spans: پاکستان, بھارت, پرویز مشرف")
                .isZero();
    }

    @Test
    void shouldDropANationalityAndArmyOrganizationForUnerOnly() {
        String t = "ڈچ وزارت کے مطابق برطانوی فوج اور اقوام متحدہ کی امن فوج سرحد پر پہنچ گئی";
        List<Span> in = List.of(
                span(t, "برطانوی فوج", EntityType.ORGANIZATION), span(t, "اقوام متحدہ", EntityType.ORGANIZATION));
        assertThat(Guidelines.UNER.apply(t, in)).extracting(Span::text).containsExactly("اقوام متحدہ");
        assertThat(Guidelines.JAHANGIR.apply(t, in))
                .extracting(Span::text)
                .containsExactly("برطانوی فوج", "اقوام متحدہ");
    }
}
