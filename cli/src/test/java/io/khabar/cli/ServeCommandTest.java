package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.serve.ServeApp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code khabar serve} and {@code khabar run --serve}: safe defaults and a clear message without a broker. */
class ServeCommandTest {

    @Test
    void shouldBindThisMachineOnlyByDefault() {
        ServeCommand serve = new ServeCommand();
        new CommandLine(serve).parseArgs();
        assertThat(serve.host).isEqualTo("127.0.0.1").isEqualTo(ServeApp.DEFAULT_HOST);
        assertThat(serve.port).isEqualTo(8080);
        RunCommand run = new RunCommand();
        new CommandLine(run).parseArgs("--serve");
        assertThat(run.serve).isTrue();
        assertThat(run.serveHost).isEqualTo("127.0.0.1");
    }

    @Test
    void shouldSayWhatIsMissingWithoutABroker() {
        PrintStream before = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int rc;
        try {
            rc = Khabar.commandLine().execute("serve");
        } finally {
            System.setErr(before);
        }
        assertThat(rc).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("give --bootstrap-servers", "khabar run --serve");
    }
}
