package io.khabar.ner;

import io.khabar.model.EntityType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * Entries looked up by match key. Later entries override earlier ones with the same key, so user files
 * override the curated lists, which override the CLDR-derived names.
 *
 * <p>File format (UTF-8, one entry a line, {@code #} starts a comment line):
 * <pre>TYPE &lt;TAB&gt; canonical English name &lt;TAB&gt; Wikidata id or - &lt;TAB&gt; form|form|…</pre>
 * TYPE is PERSON, LOCATION, ORGANIZATION, DESIGNATION or NONE (never an entity).
 */
public final class Gazetteer {
    /** The curated resource lists shipped with the tagger, in load order. */
    static final List<String> CURATED = List.of(
            "gazetteer/locations.tsv",
            "gazetteer/organizations.tsv",
            "gazetteer/persons.tsv",
            "gazetteer/designations.tsv",
            "gazetteer/none.tsv");

    private final List<GazetteerEntry> entries = new ArrayList<>();
    private final KeyTrie trie = new KeyTrie();
    private int maxTokens = 1;

    /** An empty gazetteer. */
    public Gazetteer() {}

    /** CLDR names plus the curated lists. */
    public static Gazetteer defaults() {
        Gazetteer g = new Gazetteer();
        for (GazetteerEntry e : Cldr.entries()) {
            g.add(e);
        }
        for (String r : CURATED) {
            g.addAll(readResource(r));
        }
        return g;
    }

    /** Adds an entry; its forms override earlier entries with the same key. */
    public void add(GazetteerEntry e) {
        Objects.requireNonNull(e);
        int id = entries.size();
        entries.add(e);
        boolean fromCldr = "cldr".equals(e.source());
        for (String form : e.forms()) {
            String key = Keys.of(form);
            if (key.isEmpty()) {
                continue;
            }
            int words = wordCount(form);
            if (fromCldr && (words == 1 && Lexicon.COMMON.contains(key) || key.length() < 3)) {
                continue;
            }
            trie.put(key, id);
            maxTokens = Math.max(maxTokens, words + 2);
        }
    }

    /** Adds all entries. */
    public void addAll(List<GazetteerEntry> list) {
        list.forEach(this::add);
    }

    /** Adds the entries of a gazetteer file. */
    public void addFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            addAll(read(in, file.getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read gazetteer " + file, e);
        }
    }

    /** All entries, in load order. */
    public List<GazetteerEntry> entries() {
        return Collections.unmodifiableList(entries);
    }

    /** The entry for exactly this phrase, or null. */
    public GazetteerEntry lookup(String phrase) {
        int id = trie.get(Keys.of(phrase));
        return id < 0 ? null : entries.get(id);
    }

    GazetteerEntry entry(int id) {
        return entries.get(id);
    }

    KeyTrie trie() {
        return trie;
    }

    int maxTokens() {
        return maxTokens;
    }

    private static int wordCount(String form) {
        return Tokens.of(form).size;
    }

    static List<GazetteerEntry> readResource(String name) {
        try (InputStream in = Gazetteer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource io/khabar/ner/" + name);
            }
            return read(in, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a gazetteer file; errors name the source and line. */
    public static List<GazetteerEntry> read(InputStream in, String sourceName) throws IOException {
        List<GazetteerEntry> out = new ArrayList<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            if (no == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 4) {
                throw new IllegalArgumentException(sourceName + ":" + no
                        + ": expected 4 tab-separated fields (TYPE, canonical name, Wikidata id or -, forms), got "
                        + f.length);
            }
            EntityType type;
            String t = f[0].trim();
            if (t.equals("NONE")) {
                type = null;
            } else {
                try {
                    type = EntityType.valueOf(t);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(sourceName + ":" + no + ": unknown type '" + t
                            + "', expected one of PERSON, LOCATION, ORGANIZATION, DESIGNATION, NONE");
                }
                if (type == EntityType.DATE) {
                    throw new IllegalArgumentException(sourceName + ":" + no + ": DATE entries are not supported");
                }
            }
            String canonical = emptyToNull(f[1]);
            String qid = emptyToNull(f[2]);
            if (qid != null && !qid.matches("Q[0-9]+")) {
                throw new IllegalArgumentException(sourceName + ":" + no + ": bad Wikidata id '" + qid + "'");
            }
            List<String> forms = Arrays.stream(f[3].split("\\|"))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
            if (forms.isEmpty()) {
                throw new IllegalArgumentException(sourceName + ":" + no + ": no surface forms");
            }
            out.add(new GazetteerEntry(type, canonical, qid, forms, sourceName + ":" + no));
        }
        return out;
    }

    private static String emptyToNull(String s) {
        s = s.strip();
        return s.isEmpty() || s.equals("-") ? null : s;
    }
}
