package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** A {@link KeySet} answers for a token exactly what a set of key strings answers for the token's key. */
class KeySetTest {
    private static final String CHARS = "ابپتکگیےہھنوں\u064B\u200C۲3a،۔ ";

    @Test
    void shouldAnswerAsTheSetOfKeyStringsForEveryToken() {
        SplittableRandom r = new SplittableRandom(5);
        for (int round = 0; round < 300; round++) {
            StringBuilder b = new StringBuilder();
            for (int n = r.nextInt(80); n > 0; n--) {
                b.append(CHARS.charAt(r.nextInt(CHARS.length())));
            }
            Tokens t = Tokens.of(b.toString());
            Set<String> keys = new HashSet<>();
            for (int i = 0; i < t.size; i++) {
                if (r.nextBoolean()) {
                    keys.add(t.key(i)); // half the text's keys, the empty key of a marks-only word among them
                }
            }
            for (int n = r.nextInt(200); n > 0; n--) {
                keys.add("ک" + n); // and keys no token has
            }
            KeySet set = KeySet.of(keys);
            Map<String, Integer> values = new HashMap<>();
            keys.forEach(k -> values.put(k, k.length() * 3 + 1));
            KeySet map = KeySet.of(values);
            Field f = new Field(t);
            for (int i = -1; i <= t.size; i++) {
                if (i >= 0 && i < t.size) {
                    assertThat(set.contains(t, i)).as(t.key(i)).isEqualTo(keys.contains(t.key(i)));
                    assertThat(map.get(t, i, -7)).isEqualTo(values.getOrDefault(t.key(i), -7));
                }
                assertThat(set.containsWord(f, i)).isEqualTo(keys.contains(f.key(i)));
            }
        }
    }

    @Test
    void shouldFindUrduWordsWrittenWithArabicLettersAndMarks() {
        KeySet set = KeySet.of(Lexicon.words("کہتے", "کراچی"));
        Tokens t = Tokens.of("وہ كہتے ہیں کراچی\u064B کراچیوں");
        assertThat(List.of(set.contains(t, 0), set.contains(t, 1), set.contains(t, 2), set.contains(t, 3)))
                .containsExactly(false, true, false, true);
        assertThat(set.contains(t, 4)).isFalse();
    }
}
