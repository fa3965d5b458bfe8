package io.khabar.ner.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.EntityType;
import org.junit.jupiter.api.Test;

class EntityKeysTest {

    @Test
    void shouldKeyByTheCanonicalNameWhenThereIsOne() {
        assertThat(EntityKeys.key(EntityType.PERSON, "عمران خان", "Imran Khan")).isEqualTo("person:imran-khan");
        assertThat(EntityKeys.key(EntityType.LOCATION, "کراچی", "Karachi")).isEqualTo("location:karachi");
        assertThat(EntityKeys.key(EntityType.PERSON, "x", "Recep Tayyip Erdoğan"))
                .isEqualTo("person:recep-tayyip-erdogan");
    }

    @Test
    void shouldGiveSpellingAndSpacingVariantsOfOneNameOneKey() {
        assertThat(EntityKeys.key(EntityType.PERSON, "بابر اعظم", null))
                .isEqualTo(EntityKeys.key(EntityType.PERSON, "بابراعظم", null));
        assertThat(EntityKeys.key(EntityType.PERSON, "پیوٹن", null))
                .isEqualTo(EntityKeys.key(EntityType.PERSON, "پوتن", null));
        assertThat(EntityKeys.key(EntityType.PERSON, "ولادیمیر", null))
                .isEqualTo(EntityKeys.key(EntityType.PERSON, "ولادمیر", null));
        assertThat(EntityKeys.key(EntityType.PERSON, "راجہ", null))
                .isEqualTo(EntityKeys.key(EntityType.PERSON, "راجا", null));
        assertThat(EntityKeys.key(EntityType.PERSON, "صاٸم", null))
                .isEqualTo(EntityKeys.key(EntityType.PERSON, "صائم", null));
        assertThat(EntityKeys.key(EntityType.PERSON, "كريم", null))
                .isEqualTo(EntityKeys.key(EntityType.PERSON, "کریم", null));
    }

    @Test
    void shouldKeepDifferentNamesAndTypesApart() {
        assertThat(EntityKeys.key(EntityType.PERSON, "محمود خان", null))
                .isNotEqualTo(EntityKeys.key(EntityType.PERSON, "محمد خان", null));
        assertThat(EntityKeys.key(EntityType.PERSON, "جناح", null))
                .isNotEqualTo(EntityKeys.key(EntityType.LOCATION, "جناح", null));
        assertThat(EntityKeys.key(EntityType.PERSON, "بابر اعظم", null))
                .startsWith("person:ur:")
                .doesNotContain(" ");
    }
}
