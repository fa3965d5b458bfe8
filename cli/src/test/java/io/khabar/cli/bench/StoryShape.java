package io.khabar.cli.bench;

import io.khabar.enrich.stories.MinHash;
import io.khabar.enrich.stories.StorySettings;
import io.khabar.model.RawArticle;
import io.khabar.text.UrduNormalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a stream of articles looks like to the story stage, computed with its own normaliser, shingles, MinHash and
 * LSH bands (default settings): the articles go into the band buckets in order, as {@code story-band} puts them, and
 * for each article are counted the bucket members it meets (what the stage reads, capped as the stage caps it) and
 * the members at an estimated similarity of at least the threshold (the pairs the stage groups), split by whether the
 * member comes from the article's own group (a pass of the corpus) or an earlier one. A test tool, not a benchmark.
 */
final class StoryShape {

    private final StorySettings settings = StorySettings.defaults();
    private final MinHash minHash = settings.minHash();
    private final UrduNormalizer normalizer = new UrduNormalizer();
    private final Map<String, List<int[]>> buckets = new HashMap<>();
    private final Map<String, List<Integer>> bucketGroups = new HashMap<>();
    private final List<Group> groups = new ArrayList<>();

    /** Figures of one group of articles (a pass). */
    static final class Group {
        final String name;
        int articles;
        long membersMet;
        int similarSameGroup;
        int similarEarlierGroup;
        int largestBucket;

        Group(String name) {
            this.name = name;
        }

        double membersPerArticle() {
            return articles == 0 ? 0 : (double) membersMet / articles;
        }

        /** Similar pairs (with the same group) per 1,000 articles. */
        double similarPer1000() {
            return articles == 0 ? 0 : 1000.0 * similarSameGroup / articles;
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "%-10s articles %5d | bucket members met per article %7.2f | largest bucket %4d | similar pairs"
                            + " (est. >= %.2f) within the group %4d (%.1f per 1,000), with earlier groups %5d",
                    name,
                    articles,
                    membersPerArticle(),
                    largestBucket,
                    StorySettings.THRESHOLD_DEFAULT,
                    similarSameGroup,
                    similarPer1000(),
                    similarEarlierGroup);
        }
    }

    /** Adds the articles as one group (for instance one pass of the corpus), in order, and returns its figures. */
    Group add(String name, List<RawArticle> articles) {
        Group g = new Group(name);
        int groupIndex = groups.size();
        groups.add(g);
        for (RawArticle a : articles) {
            int[] sig = minHash.signature(
                    normalizer.normalize(a.title() == null ? "" : a.title()).text(),
                    normalizer.normalize(a.body()).text());
            g.articles++;
            if (sig == null) {
                continue;
            }
            // the pair is seen once (in the lowest band the two share), as the stage handles it
            java.util.Set<int[]> compared = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (String band : minHash.bandKeys(sig)) {
                List<int[]> members = buckets.computeIfAbsent(band, k -> new ArrayList<>());
                List<Integer> memberGroups = bucketGroups.computeIfAbsent(band, k -> new ArrayList<>());
                int seen = Math.min(members.size(), settings.maxBucket());
                g.membersMet += seen;
                for (int i = 0; i < seen; i++) {
                    int[] m = members.get(i);
                    if (compared.add(m) && MinHash.similarity(sig, m) >= settings.threshold()) {
                        if (memberGroups.get(i) == groupIndex) {
                            g.similarSameGroup++;
                        } else {
                            g.similarEarlierGroup++;
                        }
                    }
                }
                if (members.size() < settings.maxBucket()) {
                    members.add(sig);
                    memberGroups.add(groupIndex);
                }
                g.largestBucket = Math.max(g.largestBucket, members.size());
            }
        }
        return g;
    }
}
