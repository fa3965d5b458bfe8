package io.khabar.testpipeline;

import io.khabar.model.RawArticle;
import io.khabar.model.Topics;
import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The child JVM behind {@code khabar-test-support}'s {@code KhabarPipeline}: runs a {@link LocalPipeline} and
 * speaks a line protocol on stdin and stdout, so that the test kit in the app's JVM needs no Kafka client of its
 * own (the app's tests keep their own kafka-clients, whatever its version). Every field is Base64 (no line breaks
 * or spaces inside), {@code -} for null; logs go to stderr.
 *
 * <pre>
 * child to parent:  READY bootstrapServers
 *                   ENRICHED key value                      every record on the enriched topic
 *                   DEAD key value name:value,name:value    every record on the dead-letter topic
 *                   OK seq [id]  |  FAIL seq message         the answer to a request
 * parent to child:  PUBLISH seq key value                    bytes to the raw topic
 *                   ARTICLE seq title body                   a new raw article, as ingest builds it; OK carries its id
 *                   end of input                             stop everything and exit
 * </pre>
 *
 * The child exits when its input ends, so it never outlives the test JVM that started it.
 */
public final class PipelineServer {

    /** First word of the line that says the pipeline is ready. */
    public static final String READY = "READY";

    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder UNB64 = Base64.getDecoder();

    private final PrintStream out;

    private PipelineServer(PrintStream out) {
        this.out = out;
    }

    /** Runs until stdin ends; exit status 0, or 1 when the pipeline did not start. */
    public static void main(String[] args) throws IOException {
        // stdout carries the protocol only: anything else that prints (logs, libraries) goes to stderr
        PrintStream protocol =
                new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.US_ASCII);
        System.setOut(System.err);
        PipelineServer server = new PipelineServer(protocol);
        LocalPipeline pipeline;
        try {
            pipeline = LocalPipeline.start(server::forward);
        } catch (RuntimeException e) {
            System.err.println("khabar test pipeline: could not start: " + e);
            e.printStackTrace(System.err);
            System.exit(1);
            return;
        }
        try (pipeline) {
            server.send(READY + " " + pipeline.bootstrapServers());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
            for (String line; (line = in.readLine()) != null; ) {
                server.handle(pipeline, line);
            }
        }
        System.exit(0); // a library thread that is not a daemon must not keep the child alive
    }

    private void handle(LocalPipeline pipeline, String line) {
        String[] f = line.split(" ", -1);
        String seq = f.length > 1 ? f[1] : "?";
        try {
            switch (f[0]) {
                case "PUBLISH" -> {
                    pipeline.publishBytes(text(f[2]), bytes(f[3]));
                    send("OK " + seq);
                }
                case "ARTICLE" -> {
                    RawArticle a = pipeline.publish(RawArticle.of(
                            "test:" + UUID.randomUUID(), // the source; the id comes from the content hash
                            null,
                            text(f[2]),
                            text(f[3]),
                            "ur",
                            null,
                            Instant.now(),
                            Map.of()));
                    send("OK " + seq + " " + b64(a.id().getBytes(StandardCharsets.UTF_8)));
                }
                default ->
                    send("FAIL " + seq + " " + b64(("unknown request " + f[0]).getBytes(StandardCharsets.UTF_8)));
            }
        } catch (RuntimeException e) {
            send("FAIL " + seq + " " + b64(String.valueOf(e.getMessage()).getBytes(StandardCharsets.UTF_8)));
        }
    }

    private void forward(ConsumerRecord<String, byte[]> r) {
        String key = r.key() == null ? "-" : b64(r.key().getBytes(StandardCharsets.UTF_8));
        String value = r.value() == null ? "-" : b64(r.value());
        if (Topics.ENRICHED.equals(r.topic())) {
            send("ENRICHED " + key + " " + value);
        } else {
            StringBuilder headers = new StringBuilder();
            for (Header h : r.headers()) {
                if (headers.length() > 0) {
                    headers.append(',');
                }
                headers.append(b64(h.key().getBytes(StandardCharsets.UTF_8)))
                        .append(':')
                        .append(h.value() == null ? "-" : b64(h.value()));
            }
            send("DEAD " + key + " " + value + " " + (headers.length() == 0 ? "-" : headers));
        }
    }

    private void send(String line) {
        synchronized (out) {
            out.print(line);
            out.print('\n');
            out.flush();
        }
    }

    private static String b64(byte[] b) {
        return B64.encodeToString(b);
    }

    private static byte[] bytes(String field) {
        return "-".equals(field) ? null : UNB64.decode(field);
    }

    private static String text(String field) {
        byte[] b = bytes(field);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
