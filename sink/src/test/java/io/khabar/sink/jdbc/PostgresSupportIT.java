package io.khabar.sink.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class PostgresSupportIT {

    @Test
    void shouldProvideARealUtf8PostgreSql() throws Exception {
        PostgresSupport.Database db = PostgresSupport.newDatabase();
        try (Connection c = db.connect();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT version(), current_setting('server_encoding'), current_schema()")) {
            assertThat(rs.next()).isTrue();
            System.out.println(db.kind() + ": " + rs.getString(1) + " encoding " + rs.getString(2));
            assertThat(rs.getString(1)).startsWith("PostgreSQL");
            assertThat(rs.getString(2)).isEqualTo("UTF8");
            assertThat(rs.getString(3)).startsWith("t_");
        }
    }
}
