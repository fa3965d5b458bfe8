package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Hostile-input suite, secrets (issue #13): every command's {@code --print-config} hides every secret the one
 * redaction rule knows, from files and from {@code --set}, and escapes what it prints; plain settings still show.
 */
class HostileSecretsTest {

    private static final String[] SECRETS = {
        "sasl.oauthbearer.assertion.private.key.passphrase=pass-PHRASE-1",
        "basic.auth.user.info=alice:USERINFO-2",
        "sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username=\"u\" password=\"JAAS-3\";",
        "ssl.keystore.password=KEYSTORE-4",
        "ssl.key.password=KEYPASS-5",
        "ssl.keystore.key=PEMKEY-6",
        "sasl.oauthbearer.client.credentials.client.secret=CLIENTSECRET-7",
        "producer.ssl.truststore.password=TRUST-8",
        "schema.registry.bearer.auth.token=TOKEN-9",
        "some.credential=CRED-10",
    };
    private static final String[] VALUES = {
        "pass-PHRASE-1",
        "USERINFO-2",
        "JAAS-3",
        "KEYSTORE-4",
        "KEYPASS-5",
        "PEMKEY-6",
        "CLIENTSECRET-7",
        "TRUST-8",
        "TOKEN-9",
        "CRED-10"
    };

    @TempDir
    Path dir;

    private String printConfig(Supplier<Callable<Integer>> command, String... extra) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(
                file, String.join("\n", SECRETS) + "\nsecurity.protocol=SASL_SSL\n" + "client.id=bad\\u001B[2Jname\n");
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(
                "--config",
                file.toString(),
                "--set",
                "sasl.login.refresh.buffer.seconds=300",
                "--set",
                "my.api.password=SETPW-11",
                "-b",
                "broker:9092",
                "--print-config"));
        args.addAll(java.util.List.of(extra));
        PrintStream before = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            int rc = new CommandLine(command.get()).execute(args.toArray(String[]::new));
            assertThat(rc).isZero();
        } finally {
            System.setOut(before);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertRedacted(String printed) {
        assertThat(printed).doesNotContain(VALUES).doesNotContain("SETPW-11").doesNotContain("\u001B");
        assertThat(printed)
                .contains(
                        "security.protocol=SASL_SSL",
                        "sasl.login.refresh.buffer.seconds=300",
                        "basic.auth.user.info=[hidden]",
                        "sasl.oauthbearer.assertion.private.key.passphrase=[hidden]",
                        "my.api.password=[hidden]",
                        "client.id=bad\\u001B[2Jname");
    }

    @Test
    void enrichPrintConfigShouldHideEverySecret() throws Exception {
        assertRedacted(printConfig(EnrichCommand::new));
    }

    @Test
    void ingestPrintConfigShouldHideEverySecret() throws Exception {
        String printed = printConfig(IngestCommand::new);
        assertRedacted(printed);
        assertThat(printed).contains("acks=all", "enable.idempotence=true");
    }

    @Test
    void sinkPrintConfigShouldHideEverySecretAndTheDatabasePassword() throws Exception {
        String printed =
                printConfig(SinkCommand::new, "--jdbc", "jdbc:postgresql://db:5432/khabar?user=k&password=URLPW-12");
        assertRedacted(printed);
        assertThat(printed)
                .doesNotContain("URLPW-12")
                .contains("khabar.sink.jdbc.url=jdbc:postgresql://db:5432/khabar");
    }
}
