package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.khabar.sink.jdbc.NewsroomQueries;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryCommandTest {

    private static final NewsroomQueries.Rows ROWS = new NewsroomQueries.Rows(
            List.of("id", "published", "title"),
            List.of(
                    Arrays.asList("u-1", Instant.parse("2024-11-05T10:00:00.123Z"), "کراچی، \"بارش\"\nدوسری سطر"),
                    Arrays.asList("u-2", null, "سرخی\u001b[31m")));

    private static String print(QueryCommand.Format f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        QueryCommand.print(ROWS, f, new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldQuoteCsvFieldsWithCommasQuotesAndLineBreaks() {
        assertThat(print(QueryCommand.Format.CSV).lines().toList())
                .startsWith("id,published,title", "u-1,2024-11-05T10:00:00Z,\"کراچی، \"\"بارش\"\"");
    }

    @Test
    void shouldEscapeControlCharactersInTheTableButKeepUrdu() {
        String table = print(QueryCommand.Format.TABLE);
        assertThat(table).contains("کراچی").doesNotContain("\u001b").contains("-");
        assertThat(table.lines().count()).isEqualTo(3);
    }

    @Test
    void shouldWriteJsonObjectsWithIsoTimesAndNulls() {
        String json = print(QueryCommand.Format.JSON);
        assertThat(json).contains("\"published\" : \"2024-11-05T10:00:00.123Z\"", "\"published\" : null");
    }

    @Test
    void shouldReadTimesAsInstantsDatesOrDurationsBackFromNow() {
        QueryCommand.TimeConverter c = new QueryCommand.TimeConverter();
        assertThat(c.convert("2024-11-05")).isEqualTo(Instant.parse("2024-11-05T00:00:00Z"));
        assertThat(c.convert("2024-11-05T10:00:00+05:00")).isEqualTo(Instant.parse("2024-11-05T05:00:00Z"));
        assertThat(c.convert("7d"))
                .isBetween(Instant.now().minus(Duration.ofDays(7)).minusSeconds(5), Instant.now());
        assertThatThrownBy(() -> c.convert("last week")).hasMessageContaining("not a time");
    }

    @Test
    void shouldRefuseAQueryWithoutADatabase() {
        assertThat(Khabar.commandLine().execute("query", "top")).isEqualTo(2);
    }
}
