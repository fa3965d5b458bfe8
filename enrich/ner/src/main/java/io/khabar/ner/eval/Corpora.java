package io.khabar.ner.eval;

import io.khabar.model.EntityType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Readers for the Urdu NER corpus formats: sentence-per-line text with inline tags
 * ({@code <PERSON>…</PERSON>}), and token-per-line files ({@code token TAB tag}, blank line between sentences)
 * with IO tags (a run of equal tags is one entity) or BIO tags ({@code B-NEP}, {@code I-NEP}).
 */
public final class Corpora {
    private Corpora() {}

    /** A read corpus: its sentences and the khabar types its annotation covers. */
    public record Corpus(String name, String format, List<Sentence> sentences, Set<EntityType> types) {}

    /** Reads a file, choosing the format from its content. */
    public static Corpus read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
            lines.set(0, lines.get(0).substring(1));
        }
        boolean tsv = lines.stream().limit(200).anyMatch(l -> l.indexOf('\t') > 0);
        String name = file.getFileName().toString();
        return tsv ? readTokens(name, lines) : readInline(name, lines);
    }

    /** Sentence-per-line text with inline tags; the tagger sees the sentence with the tags removed. */
    public static Corpus readInline(String name, List<String> lines) {
        List<Sentence> out = new ArrayList<>();
        Set<EntityType> types = EnumSet.noneOf(EntityType.class);
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            StringBuilder text = new StringBuilder();
            List<Span> gold = new ArrayList<>();
            int i = 0;
            int openAt = -1;
            String openTag = null;
            while (i < line.length()) {
                char c = line.charAt(i);
                if (c == '<') {
                    int close = line.indexOf('>', i);
                    String tag = close > i ? line.substring(i + 1, close) : "";
                    if (close > i && tag.matches("/?[A-Z]+")) {
                        if (tag.startsWith("/")) {
                            if (openTag != null && openTag.equals(tag.substring(1))) {
                                EntityType t = TagMapping.map(openTag);
                                if (t != null) {
                                    types.add(t);
                                    Span s = trimmed(text, openAt, text.length(), t);
                                    if (s != null) {
                                        gold.add(s);
                                    }
                                }
                            }
                            openTag = null;
                        } else {
                            openTag = tag;
                            openAt = text.length();
                        }
                        i = close + 1;
                        continue;
                    }
                }
                text.append(c);
                i++;
            }
            out.add(new Sentence(text.toString(), gold, null, null));
        }
        return new Corpus(name, "inline", out, types);
    }

    private static Span trimmed(CharSequence text, int s, int e, EntityType t) {
        while (s < e && Character.isWhitespace(text.charAt(s))) {
            s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
            e--;
        }
        return s < e ? new Span(s, e, t, text.subSequence(s, e).toString()) : null;
    }

    /** Token TAB tag files, IO or BIO; tokens are joined with spaces ({@code _} inside a token becomes a space). */
    public static Corpus readTokens(String name, List<String> lines) {
        boolean bio = lines.stream().anyMatch(l -> {
            int tab = l.indexOf('\t');
            return tab >= 0 && (l.startsWith("B-", tab + 1) || l.startsWith("I-", tab + 1));
        });
        List<Sentence> out = new ArrayList<>();
        Set<EntityType> types = EnumSet.noneOf(EntityType.class);
        List<String> toks = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                flush(toks, tags, bio, out, types);
                continue;
            }
            int tab = line.indexOf('\t');
            String tok = tab >= 0 ? line.substring(0, tab) : line;
            String tag = tab >= 0 ? line.substring(tab + 1).strip() : "O";
            if (tok.isBlank()) {
                continue;
            }
            toks.add(tok.strip().replace('_', ' '));
            tags.add(tag);
        }
        flush(toks, tags, bio, out, types);
        return new Corpus(name, bio ? "tokens-bio" : "tokens-io", out, types);
    }

    private static void flush(
            List<String> toks, List<String> tags, boolean bio, List<Sentence> out, Set<EntityType> types) {
        if (toks.isEmpty()) {
            return;
        }
        StringBuilder text = new StringBuilder();
        int n = toks.size();
        int[] starts = new int[n];
        int[] ends = new int[n];
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text.append(' ');
            }
            starts[i] = text.length();
            text.append(toks.get(i));
            ends[i] = text.length();
        }
        List<Span> gold = new ArrayList<>();
        int i = 0;
        while (i < n) {
            String tag = tags.get(i);
            String base = bio && (tag.startsWith("B-") || tag.startsWith("I-")) ? tag.substring(2) : tag;
            EntityType t = TagMapping.map(base);
            if (t == null) {
                i++;
                continue;
            }
            types.add(t);
            int j = i + 1;
            while (j < n) {
                String next = tags.get(j);
                boolean cont = bio ? next.equals("I-" + base) : next.equals(tag);
                if (!cont) {
                    break;
                }
                j++;
            }
            gold.add(new Span(starts[i], ends[j - 1], t, text.substring(starts[i], ends[j - 1])));
            i = j;
        }
        out.add(new Sentence(text.toString(), gold, starts, ends));
        toks.clear();
        tags.clear();
    }
}
