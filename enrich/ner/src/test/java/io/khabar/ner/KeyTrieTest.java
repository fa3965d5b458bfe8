package io.khabar.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The trie's packed table, root array and overflow map give the same answers as a plain map of keys. */
class KeyTrieTest {
    /** Urdu letters, Latin letters and digits, and chars past the root array (U+0800 and up). */
    private static final String ALPHABET = "ابپتٹثجچحخدڈذرڑزژسشصضطظعغفقکگلمنںوہھءیےaz09\u0900\u4E00\uFB50";

    private static List<String> randomKeys(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder b = new StringBuilder();
            for (int len = 1 + r.nextInt(9); len > 0; len--) {
                b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
            }
            keys.add(b.toString());
        }
        return keys;
    }

    @Test
    void shouldFindEveryKeyWhetherItsTransitionsArePackedOrInTheOverflowMap() {
        List<String> keys = randomKeys(14, 20_000);
        Map<String, Integer> expected = new HashMap<>();
        KeyTrie packed = new KeyTrie(1 << 12); // grows several times
        KeyTrie overflow = new KeyTrie(1 << 12, 100); // nodes from 100 on live in the map
        KeyTrie small = new KeyTrie(16); // no root array
        for (int i = 0; i < keys.size(); i++) {
            String k = keys.get(i);
            Integer old = expected.put(k, i);
            int want = old == null ? -1 : old;
            assertThat(packed.put(k, i)).isEqualTo(want);
            assertThat(overflow.put(k, i)).isEqualTo(want);
            assertThat(small.put(k, i)).isEqualTo(want);
        }
        for (String k : randomKeys(15, 20_000)) {
            int want = expected.getOrDefault(k, -1);
            assertThat(packed.get(k)).as(k).isEqualTo(want);
            assertThat(overflow.get(k)).as(k).isEqualTo(want);
            assertThat(small.get(k)).as(k).isEqualTo(want);
        }
        for (Map.Entry<String, Integer> e : expected.entrySet()) {
            assertThat(overflow.get(e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(packed.get("")).isEqualTo(-1);
    }

    @Test
    void shouldGiveTheSameMatchesWithThePrefixFilterAsWithout() {
        List<String> keys = randomKeys(21, 5_000);
        KeyTrie filtered = new KeyTrie(1 << 12); // large: prefix filter on
        KeyTrie plain = new KeyTrie(16); // small: no filter
        for (int i = 0; i < keys.size(); i++) {
            filtered.put(keys.get(i), i);
            plain.put(keys.get(i), i);
        }
        SplittableRandom r = new SplittableRandom(22);
        int passed = 0;
        for (int round = 0; round < 2_000; round++) {
            StringBuilder b = new StringBuilder();
            for (int n = 1 + r.nextInt(5); n > 0; n--) {
                String k = keys.get(r.nextInt(keys.size()));
                // whole keys, their prefixes, and words of no key, apart, glued or after a mark-only word
                b.append(r.nextInt(3) == 0 ? k.substring(0, 1 + r.nextInt(k.length())) : k);
                b.append(r.nextInt(4) == 0 ? "" : r.nextInt(8) == 0 ? " \u064B " : " ");
            }
            Tokens t = Tokens.of(b.toString());
            for (int i = 0; i < t.size; i++) {
                assertThat(filtered.longest(t, i, 4, null)).isEqualTo(plain.longest(t, i, 4, null));
                assertThat(filtered.exact(t, i)).isEqualTo(plain.exact(t, i));
                passed += filtered.mayPass(t, i) ? 1 : 0;
            }
        }
        assertThat(passed).isPositive();
        Tokens other = Tokens.of("жз иж зи жи зж ижз жзи зиж"); // no key has these chars: most stop at the filter
        int stopped = 0;
        for (int i = 0; i < other.size; i++) {
            stopped += filtered.mayPass(other, i) ? 0 : 1;
            assertThat(filtered.longest(other, i, 4, null)).isEqualTo(-1);
        }
        assertThat(stopped).isGreaterThan(other.size / 2);
    }

    @Test
    void shouldMatchTheLongestRunOfTokensWrittenTogetherOrApart() {
        KeyTrie trie = new KeyTrie(1 << 12, 2);
        trie.put(Keys.of("وزیر اعظم"), 1);
        trie.put(Keys.of("وزیر"), 2);
        trie.put(Keys.of("وزیراعظم شہباز شریف"), 3);
        Tokens t = Tokens.of("کل وزیر اعظم شہباز شریف اور وزیراعظم نے، وزیر");
        assertThat(trie.longest(t, 0, 5, null)).isEqualTo(-1);
        assertThat(trie.longest(t, 1, 5, null)).isEqualTo(4L << 32 | 3);
        assertThat(trie.longest(t, 1, 2, null)).isEqualTo(2L << 32 | 1);
        assertThat(trie.longest(t, 6, 5, null)).isEqualTo(6L << 32 | 1);
        assertThat(trie.longest(t, 9, 5, null)).isEqualTo(9L << 32 | 2); // after the comma
        assertThat(trie.exact(t, 1)).isEqualTo(2);
        assertThat(trie.exact(t, 2)).isEqualTo(-1);
        boolean[] blocked = new boolean[t.size];
        blocked[2] = true;
        assertThat(trie.longest(t, 1, 5, blocked)).isEqualTo(1L << 32 | 2);
    }
}
