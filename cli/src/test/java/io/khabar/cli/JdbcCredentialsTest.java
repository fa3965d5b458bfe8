package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcCredentialsTest {

    @TempDir
    Path dir;

    @Test
    void shouldReadTheFirstLineOfASecretFileAsComposeMountsIt() throws Exception {
        Path secret = Files.writeString(dir.resolve("db_password"), "s3cret پاس\nignored\n");
        assertThat(SinkCommand.JdbcCredentials.firstLine(secret, "KHABAR_JDBC_PASSWORD_FILE"))
                .isEqualTo("s3cret پاس");
    }

    @Test
    void shouldNameTheSettingAndTheFileButNeverTheContentWhenItCannotBeRead() {
        assertThatThrownBy(() ->
                        SinkCommand.JdbcCredentials.firstLine(dir.resolve("missing"), "KHABAR_JDBC_PASSWORD_FILE"))
                .hasMessageContaining("KHABAR_JDBC_PASSWORD_FILE")
                .hasMessageContaining("missing");
    }
}
