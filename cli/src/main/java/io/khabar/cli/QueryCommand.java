package io.khabar.cli;

import com.zaxxer.hikari.HikariDataSource;
import io.khabar.model.EntityType;
import io.khabar.sink.jdbc.ArticleQueries;
import io.khabar.sink.jdbc.PostgresDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code khabar query}: lists the articles in the sink's PostgreSQL database that mention an entity. */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = {"Lists articles in the sink's PostgreSQL database that mention an entity, newest first.",
                "NAME matches the canonical name (any case: \"Imran Khan\"), the Urdu surface form (\"عمران خان\")"
                        + " or the Wikidata id (Q193625).",
                "Database user and password: environment KHABAR_JDBC_USER / KHABAR_JDBC_PASSWORD, or --jdbc-password-file."})
public final class QueryCommand implements Callable<Integer> {

    @Option(names = "--jdbc", required = true, paramLabel = "URL", description = "The sink's database, e.g. jdbc:postgresql://host:5432/khabar.")
    String jdbc;

    @Mixin
    SinkCommand.JdbcCredentials credentials;

    @Option(names = "--entity", required = true, paramLabel = "NAME", description = "Entity to look for.")
    String entity;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only entities of this type: ${COMPLETION-CANDIDATES}.")
    EntityType type;

    @Option(names = "--limit", defaultValue = "20", description = "At most this many articles (default ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        if (limit < 1) {
            System.err.println("khabar query: --limit must be at least 1");
            return 2;
        }
        try (HikariDataSource ds = PostgresDatabase.pool(jdbc, credentials.user(), credentials.password(), 1, "khabar-query")) {
            List<ArticleQueries.Match> matches = new ArticleQueries(ds).mentioning(entity, type, limit);
            if (matches.isEmpty()) {
                System.err.println("no article mentions " + entity + (type == null ? "" : " as " + type));
                return 0;
            }
            System.out.printf("%-20s  %-34s  %8s  %s%n", "published", "id", "mentions", "title");
            for (ArticleQueries.Match m : matches) {
                System.out.printf("%-20s  %-34s  %8d  %s%n", m.publishedAt() == null ? "-" : m.publishedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                        m.id(), m.mentions(), m.title());
            }
            return 0;
        } catch (SQLException e) {
            String hint = "42P01".equals(e.getSQLState())
                    ? "; the sink's tables are missing: run 'khabar sink --jdbc " + PostgresDatabase.redact(jdbc) + "' first"
                    : "";
            System.err.println("khabar query: " + e.getMessage() + hint);
            return 1;
        } catch (RuntimeException e) {
            System.err.println("khabar query: " + e.getMessage());
            return 1;
        }
    }
}
