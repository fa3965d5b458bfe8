package io.khabar.serve;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.khabar.model.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lists that span every partition (latest articles, search, trending), gathered from this instance's stores
 * and from the other instances of the same application ({@code /api/local/…}), then merged. Each article and each
 * entity is held by exactly one instance, so the merge of every instance's top N is the true top N. An instance
 * that does not answer within two seconds is left out (and logged); the page still shows the rest.
 */
public final class ClusterQueries {

    /** The base URLs ({@code http://host:port}) of the other instances, from the Streams metadata. */
    @FunctionalInterface
    public interface Peers {
        List<String> others();

        /** No other instances. */
        static Peers none() {
            return List::of;
        }
    }

    private static final Logger log = LoggerFactory.getLogger(ClusterQueries.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private final ViewQueries local;
    private final Peers peers;
    private final HttpClient http;

    public ClusterQueries(ViewQueries local, Peers peers) {
        this.local = local;
        this.peers = peers;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(TIMEOUT)
                .build();
    }

    /**
     * What a list page shows.
     *
     * @param articles newest articles
     * @param total    articles held by all instances that answered
     */
    public record Latest(List<ArticleSummary> articles, long total) {}

    /** This instance's answer to {@code /api/local/latest}. */
    public Latest localLatest(int limit) {
        return new Latest(local.latest(limit), local.articleCount());
    }

    /** The newest articles of all instances. */
    public Latest latest(int limit) {
        Latest mine = localLatest(limit);
        List<ArticleSummary> all = new ArrayList<>(mine.articles());
        long total = mine.total();
        for (JsonNode n : ask("/api/local/latest?limit=" + limit)) {
            all.addAll(Json.mapper().convertValue(n.get("articles"), new TypeReference<List<ArticleSummary>>() {}));
            total += n.path("total").asLong();
        }
        all.sort(Comparator.comparing((ArticleSummary a) -> a.time() == null ? Instant.EPOCH : a.time())
                .reversed()
                .thenComparing(ArticleSummary::id));
        return new Latest(List.copyOf(all.subList(0, Math.min(limit, all.size()))), total);
    }

    /** The time of the newest article of all instances, or null. */
    public Instant newest() {
        List<ArticleSummary> one = latest(1).articles();
        return one.isEmpty() ? null : one.get(0).time();
    }

    /** Search over all instances, the best scores first. */
    public List<EntityInfo> search(String query, int limit) {
        List<ViewQueries.Hit> all = new ArrayList<>(local.searchHits(query, limit));
        for (JsonNode n :
                ask("/api/local/search?limit=" + limit + "&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8))) {
            all.addAll(Json.mapper().convertValue(n, new TypeReference<List<ViewQueries.Hit>>() {}));
        }
        return all.stream()
                .sorted(Comparator.comparingLong(ViewQueries.Hit::score)
                        .reversed()
                        .thenComparing(h -> h.entity().key()))
                .limit(limit)
                .map(ViewQueries.Hit::entity)
                .toList();
    }

    /** Trending over all instances. */
    public Map<String, List<ViewQueries.Trend>> trending(Duration period, Instant until, int perType) {
        Map<String, List<ViewQueries.Trend>> merged = new TreeMap<>();
        List<Map<String, List<ViewQueries.Trend>>> parts = new ArrayList<>();
        parts.add(local.trending(period, until, perType));
        for (JsonNode n : ask("/api/local/trending?seconds=" + period.toSeconds() + "&until=" + until.toEpochMilli()
                + "&perType=" + perType)) {
            parts.add(Json.mapper().convertValue(n, new TypeReference<Map<String, List<ViewQueries.Trend>>>() {}));
        }
        for (Map<String, List<ViewQueries.Trend>> p : parts) {
            p.forEach((type, list) ->
                    merged.computeIfAbsent(type, t -> new ArrayList<>()).addAll(list));
        }
        merged.replaceAll((type, list) -> list.stream()
                .sorted(Comparator.comparingLong(ViewQueries.Trend::mentions)
                        .reversed()
                        .thenComparing(t -> t.entity().key()))
                .limit(perType)
                .toList());
        return merged;
    }

    /** This instance's trending, for {@code /api/local/trending}. */
    public Map<String, List<ViewQueries.Trend>> localTrending(Duration period, Instant until, int perType) {
        return local.trending(period, until, perType);
    }

    /** This instance's search hits, for {@code /api/local/search}. */
    public List<ViewQueries.Hit> localSearch(String query, int limit) {
        return local.searchHits(query, limit);
    }

    private List<JsonNode> ask(String pathAndQuery) {
        List<String> others = peers.others();
        if (others.isEmpty()) {
            return List.of();
        }
        List<Supplier<JsonNode>> calls = new ArrayList<>();
        for (String base : others) {
            var future = http.sendAsync(
                    HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                            .timeout(TIMEOUT)
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            calls.add(() -> {
                try {
                    HttpResponse<byte[]> r = future.get();
                    if (r.statusCode() != 200) {
                        log.warn("serve: {}{} answered {}; its part is left out", base, pathAndQuery, r.statusCode());
                        return null;
                    }
                    return Json.mapper().readTree(r.body());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                } catch (Exception e) {
                    log.warn("serve: {}{} did not answer ({}); its part is left out", base, pathAndQuery, e.toString());
                    return null;
                }
            });
        }
        List<JsonNode> out = new ArrayList<>();
        for (Supplier<JsonNode> c : calls) {
            JsonNode n = c.get();
            if (n != null) {
                out.add(n);
            }
        }
        return out;
    }
}
