package io.khabar.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageIdentifierTest {
    private final LanguageIdentifier id = new LanguageIdentifier();

    @Test
    void shouldIdentifyUrdu() {
        LanguageGuess g = id.identify("وزیر اعظم عمران خان اور روسی صدر پیوٹن نے منگل کو ایک فون کال میں بات کی۔");
        assertThat(g.code()).isEqualTo("ur");
        assertThat(g.confidence()).isGreaterThan(0.5);
    }

    @Test
    void shouldStillIdentifyUrduTypedOnAnArabicKeyboard() {
        assertThat(id.identify("وزير اعظم عمران خان اور روسي صدر پيوٹن نے منگل كو ايك فون كال ميں بات كي۔")
                        .code())
                .isEqualTo("ur");
    }

    @Test
    void shouldIdentifyArabic() {
        assertThat(id.identify("قال الرئيس الروسي في مكالمة هاتفية مع رئيس الوزراء إن العلاقات بين البلدين قد تحسنت.")
                        .code())
                .isEqualTo("ar");
    }

    @Test
    void shouldIdentifyPersian() {
        assertThat(id.identify("رئیس جمهور روسیه در تماس تلفنی با نخست وزیر پاکستان گفت که این روابط برای ما مهم است.")
                        .code())
                .isEqualTo("fa");
    }

    @Test
    void shouldIdentifyPunjabiShahmukhi() {
        assertThat(id.identify(
                                "وزیر اعظم نے آکھیا کہ پاکستان دے لوکاں نوں ایس ویلے اک دوجے دا ساتھ دینا چاہیدا اے تے اوہ وچ ہن")
                        .code())
                .isEqualTo("pnb");
    }

    @Test
    void shouldIdentifyEnglishMixedAndUndetermined() {
        assertThat(id.identify("The prime minister said on Tuesday that the talks with Russia were useful.")
                        .code())
                .isEqualTo("en");
        assertThat(id.identify("Prime Minister Imran Khan said وزیر اعظم عمران خان نے کہا")
                        .code())
                .isEqualTo("mixed");
        assertThat(id.identify("12345 !!!").code()).isEqualTo("und");
        assertThat(id.identify("12345 !!!").confidence()).isZero();
    }
}
