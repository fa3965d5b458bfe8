package io.khabar.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.zaxxer.hikari.HikariDataSource;
import io.khabar.model.EntityType;
import io.khabar.model.Json;
import io.khabar.model.OutsideText;
import io.khabar.sink.jdbc.NewsroomQueries;
import io.khabar.sink.jdbc.PostgresDatabase;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code khabar query}: journalists' questions on the sink's PostgreSQL database. Without a subcommand it lists
 * articles (newest first) by entity, outlet, type, story and period; {@code top}, {@code stories}, {@code story ID}
 * and {@code trending} answer the rest. Output as a table, {@code --json} or {@code --csv}; the SQL of each query
 * is in docs/query.md.
 */
@Command(
        name = "query",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        subcommands = {
            QueryCommand.Top.class,
            QueryCommand.Stories.class,
            QueryCommand.Story.class,
            QueryCommand.Trending.class
        },
        description = {
            "Articles in the sink's PostgreSQL database, newest first, filtered by entity, outlet, type, story "
                    + "and period; subcommands: top, stories, story ID, trending. SQL: docs/query.md.",
            "--entity matches the entity key, canonical name (any case), romanised name or Urdu surface form, whole "
                    + "words: 'Imran' finds Imran Khan, 'عمران' finds عمران خان.",
            "Database user and password: environment KHABAR_JDBC_USER / KHABAR_JDBC_PASSWORD, or --jdbc-password-file."
        })
public final class QueryCommand implements Callable<Integer> {

    @Mixin
    Options options;

    @Override
    public Integer call() {
        return options.run("articles", q -> q.articles(options.filters()));
    }

    /** {@code khabar query top}: the most mentioned entities. */
    @Command(
            name = "top",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "The most mentioned entities in the period (articles mentioning each, mentions, outlets), "
                    + "by --type and --outlet; e.g. 'top --type PERSON --since 7d'.")
    static final class Top implements Callable<Integer> {
        @Mixin
        Options options;

        @Override
        public Integer call() {
            return options.run("entities", q -> q.top(options.filters()));
        }
    }

    /** {@code khabar query stories}: stories covered by several outlets. */
    @Command(
            name = "stories",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description =
                    "Stories (near-duplicate articles) covered by at least --min-outlets outlets, most outlets first.")
    static final class Stories implements Callable<Integer> {
        @Mixin
        Options options;

        @Option(
                names = "--min-outlets",
                defaultValue = "2",
                description = "Only stories from at least this many outlets (default ${DEFAULT-VALUE}).")
        int minOutlets;

        @Override
        public Integer call() {
            return options.run("stories", q -> q.stories(options.filters(), minOutlets));
        }
    }

    /** {@code khabar query story ID}: the articles of one story. */
    @Command(
            name = "story",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "The articles of one story, its first article first, with their similarity to it.")
    static final class Story implements Callable<Integer> {
        @Mixin
        Options options;

        @Parameters(paramLabel = "ID", description = "The story id (the id of its first article).")
        String id;

        @Override
        public Integer call() {
            return options.run("articles in story " + id, q -> q.story(id, options.limit));
        }
    }

    /** {@code khabar query trending}: trending entities per hour or day. */
    @Command(
            name = "trending",
            mixinStandardHelpOptions = true,
            sortOptions = false,
            description = "Top entities of each event-time window (--window hour|day) in the period; without "
                    + "--since/--until, the latest window with counts.")
    static final class Trending implements Callable<Integer> {
        @Mixin
        Options options;

        @Option(names = "--window", defaultValue = "day", description = "hour or day (default ${DEFAULT-VALUE}).")
        String window;

        @Override
        public Integer call() {
            if (!window.equals("hour") && !window.equals("day")) {
                System.err.println(
                        "khabar query trending: --window must be hour or day, not " + OutsideText.escape(window));
                return 2;
            }
            return options.run("trending entities", q -> q.trending(options.filters(), window));
        }
    }

    /** A query to run. */
    interface Query {
        NewsroomQueries.Rows run(NewsroomQueries q) throws SQLException;
    }

    /** Options shared by the query and its subcommands. */
    static final class Options {
        @Option(
                names = "--jdbc",
                paramLabel = "URL",
                description = "The sink's database, e.g. jdbc:postgresql://host:5432/khabar.")
        String jdbc;

        @Mixin
        SinkCommand.JdbcCredentials credentials;

        @Option(
                names = "--entity",
                paramLabel = "NAME",
                description = "Entity key, canonical or romanised name, or Urdu surface form (whole words).")
        String entity;

        @Option(
                names = "--type",
                paramLabel = "TYPE",
                description = "Only entities of this type: ${COMPLETION-CANDIDATES}.")
        EntityType type;

        @Option(
                names = "--outlet",
                paramLabel = "NAME",
                description = "Only articles of outlets whose name or domain contains this (any case), e.g. Geo.")
        String outlet;

        @Option(
                names = "--since",
                paramLabel = "TIME",
                converter = TimeConverter.class,
                description = "Published at or after: 2024-11-05, 2024-11-05T10:00:00Z, or back from now: 24h, 7d.")
        Instant since;

        @Option(
                names = "--until",
                paramLabel = "TIME",
                converter = TimeConverter.class,
                description = "Published before (same forms).")
        Instant until;

        @Option(names = "--story", paramLabel = "ID", description = "Only articles of this story.")
        String story;

        @Option(
                names = "--limit",
                defaultValue = "20",
                description = "At most this many rows (default ${DEFAULT-VALUE}).")
        int limit;

        @Option(names = "--json", description = "Output a JSON array of objects.")
        boolean json;

        @Option(names = "--csv", description = "Output CSV (RFC 4180) with a header line.")
        boolean csv;

        NewsroomQueries.Filters filters() {
            return new NewsroomQueries.Filters(
                    blankToNull(entity),
                    type == null ? null : type.name(),
                    blankToNull(outlet),
                    since,
                    until,
                    blankToNull(story),
                    limit);
        }

        int run(String what, Query query) {
            if (jdbc == null || jdbc.isBlank()) {
                System.err.println(
                        "khabar query: give --jdbc URL, the sink's database (e.g. jdbc:postgresql://localhost:5432/khabar)");
                return 2;
            }
            if (limit < 1) {
                System.err.println("khabar query: --limit must be at least 1");
                return 2;
            }
            if (json && csv) {
                System.err.println("khabar query: give --json or --csv, not both");
                return 2;
            }
            try (HikariDataSource ds =
                    PostgresDatabase.pool(jdbc, credentials.user(), credentials.password(), 1, "khabar-query")) {
                NewsroomQueries q = new NewsroomQueries(ds);
                NewsroomQueries.Rows rows = query.run(q);
                if (rows.rows().isEmpty() && !json && !csv) {
                    System.err.println(
                            q.articleCount() == 0
                                    ? "khabar query: the database " + PostgresDatabase.redact(jdbc)
                                            + " has no articles yet; "
                                            + "write some with 'khabar sink --jdbc URL' (see README)"
                                    : "khabar query: no " + what + " match");
                    return 0;
                }
                print(rows, json ? Format.JSON : csv ? Format.CSV : Format.TABLE, System.out);
                return 0;
            } catch (SQLException e) {
                String hint = "42P01".equals(e.getSQLState()) || "42703".equals(e.getSQLState())
                        ? "; the sink's tables are missing or old: run 'khabar sink --jdbc "
                                + PostgresDatabase.redact(jdbc) + "' once to create or migrate them"
                        : "";
                System.err.println("khabar query: " + OutsideText.escape(e.getMessage()) + hint);
                return 1;
            } catch (RuntimeException e) {
                System.err.println("khabar query: " + OutsideText.escape(String.valueOf(e.getMessage())));
                return 1;
            }
        }
    }

    /** Output formats. */
    enum Format {
        TABLE,
        JSON,
        CSV
    }

    /** Prints rows as an aligned table (outside text escaped), a JSON array or CSV. */
    static void print(NewsroomQueries.Rows rows, Format format, PrintStream out) {
        List<String> cols = rows.columns();
        switch (format) {
            case JSON -> {
                ArrayNode array = Json.mapper().createArrayNode();
                for (List<Object> r : rows.rows()) {
                    ObjectNode o = array.addObject();
                    for (int i = 0; i < cols.size(); i++) {
                        o.set(cols.get(i), Json.mapper().valueToTree(jsonValue(r.get(i))));
                    }
                }
                out.println(array.toPrettyString());
            }
            case CSV -> {
                out.println(
                        String.join(",", cols.stream().map(QueryCommand::csv).toList()));
                for (List<Object> r : rows.rows()) {
                    out.println(
                            String.join(",", r.stream().map(v -> csv(text(v))).toList()));
                }
            }
            default -> {
                int[] width = new int[cols.size()];
                for (int i = 0; i < cols.size(); i++) {
                    width[i] = cols.get(i).length();
                    for (List<Object> r : rows.rows()) {
                        width[i] =
                                Math.max(width[i], Math.min(cell(r.get(i)).length(), i == cols.size() - 1 ? 1000 : 60));
                    }
                }
                StringBuilder h = new StringBuilder();
                for (int i = 0; i < cols.size(); i++) {
                    h.append(i == cols.size() - 1 ? cols.get(i) : pad(cols.get(i), width[i]) + "  ");
                }
                out.println(h.toString().stripTrailing());
                for (List<Object> r : rows.rows()) {
                    StringBuilder b = new StringBuilder();
                    for (int i = 0; i < cols.size(); i++) {
                        String c = cell(r.get(i));
                        b.append(
                                i == cols.size() - 1
                                        ? c
                                        : pad(c.length() > 60 ? c.substring(0, 59) + "…" : c, width[i]) + "  ");
                    }
                    out.println(b.toString().stripTrailing());
                }
            }
        }
    }

    private static Object jsonValue(Object v) {
        if (v instanceof Instant t) {
            return t.toString();
        }
        if (v instanceof java.sql.Array a) {
            try {
                return a.getArray();
            } catch (SQLException e) {
                return String.valueOf(v);
            }
        }
        return v;
    }

    private static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Instant t) {
            return t.truncatedTo(ChronoUnit.SECONDS).toString();
        }
        if (v instanceof Double d) {
            return String.format(Locale.ROOT, "%.3f", d);
        }
        return String.valueOf(v);
    }

    private static String cell(Object v) {
        return v == null ? "-" : OutsideText.escape(text(v));
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    static String csv(String s) {
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** Times as ISO-8601 instants or offset times, dates (midnight UTC), or a duration back from now (24h, 7d). */
    static final class TimeConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            String v = value.strip();
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException ignored) {
                // next form
            }
            try {
                return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException ignored) {
                // next form
            }
            try {
                return Instant.now().minus(new DurationConverter().convert(v));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "not a time: '" + v + "' (e.g. 2024-11-05, 2024-11-05T10:00:00Z, 24h, 7d)");
            }
        }
    }
}
