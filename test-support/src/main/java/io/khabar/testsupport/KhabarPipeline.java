package io.khabar.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A real khabar pipeline for an app's tests: a single-node Kafka broker with the khabar topics and khabar's
 * enrich app (the code of {@code khabar enrich}, exactly once), running in a <em>child JVM</em> with khabar's own
 * class path. The test talks to it only over Kafka and this handle, so the app's tests keep their own Kafka
 * client (3.x or 4.x) and libraries: nothing of khabar's reaches their class path.
 *
 * <pre>{@code
 * try (KhabarPipeline khabar = KhabarPipeline.start()) {
 *     String id = khabar.publish("لاہور میں بارش", "لاہور میں صبح سے بارش جاری ہے۔");
 *     String enrichedJson = khabar.awaitEnriched(id);      // the record on khabar.articles.enriched
 *     MyConsumer app = new MyConsumer(khabar.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>Records are handed over as khabar writes them (JSON text, see khabar's docs/record-model.md), for the app
 * to read with its own JSON library. In JUnit 5 tests, {@link KhabarPipelineTest @KhabarPipelineTest} starts one
 * per test class. Starting takes a few seconds (a JVM, the broker, then the enricher's gazetteers). The child's
 * log is kept in a temporary file ({@link #log()}) and quoted when something fails; the child stops when this
 * handle is closed, and on its own when the test JVM ends.
 */
public final class KhabarPipeline implements AutoCloseable {

    /** How long {@code await…} methods wait by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** System property with the child JVM's options (default {@value #DEFAULT_JVM_OPTIONS}). */
    public static final String JVM_OPTIONS_PROPERTY = "khabar.test.jvm-options";

    static final String DEFAULT_JVM_OPTIONS = "-Xmx768m -XX:+UseSerialGC";

    private static final String MAIN = "io.khabar.testpipeline.PipelineServer";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
    private static final Base64.Encoder B64 = Base64.getEncoder();
    private static final Base64.Decoder UNB64 = Base64.getDecoder();

    private final Process process;
    private final Path log;
    private final Writer requests;
    private final CompletableFuture<String> ready = new CompletableFuture<>();
    private final Map<Long, CompletableFuture<String>> pending = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final Map<String, String> enriched = new ConcurrentHashMap<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final Object arrivals = new Object();
    private final Thread shutdownHook;
    private volatile boolean closing;
    private volatile String ended;

    private KhabarPipeline(Process process, Path log) {
        this.process = process;
        this.log = log;
        this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.US_ASCII);
        Thread reader = new Thread(this::read, "khabar-test-pipeline-reader");
        reader.setDaemon(true);
        reader.start();
        this.shutdownHook = new Thread(process::destroyForcibly, "khabar-test-pipeline-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts the child JVM (the java of this JVM's {@code java.home}) and returns once its pipeline is processing.
     * Its class path is the runtime zip that comes with this jar (see {@code docs/containers.md}); its JVM options
     * come from {@value #JVM_OPTIONS_PROPERTY}.
     *
     * @throws IllegalStateException when it did not start; the message quotes the end of its log
     */
    public static KhabarPipeline start() {
        Path lib = KhabarRuntime.libFolder();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : System.getProperty(JVM_OPTIONS_PROPERTY, DEFAULT_JVM_OPTIONS)
                .trim()
                .split("\\s+")) {
            if (!option.isEmpty()) {
                command.add(option);
            }
        }
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"));
        command.add("-Dlogback.configurationFile=khabar-test-pipeline-logback.xml");
        command.add("-cp");
        command.add(lib.resolve("*").toString());
        command.add(MAIN);
        Path log;
        Process process;
        try {
            log = Files.createTempFile("khabar-test-pipeline-", ".log");
            process = new ProcessBuilder(command)
                    .redirectError(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.PIPE)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("khabar-test-support: cannot start " + command + ": " + e.getMessage(), e);
        }
        KhabarPipeline p = new KhabarPipeline(process, log);
        try {
            p.ready.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return p;
        } catch (ExecutionException | TimeoutException e) {
            String tail = p.logTail();
            p.close();
            throw new IllegalStateException("khabar's test pipeline did not start within " + START_TIMEOUT + " ("
                    + (e instanceof ExecutionException ? e.getCause().getMessage() : "no answer") + ")" + tail);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.close();
            throw new IllegalStateException("interrupted while starting khabar's test pipeline", e);
        }
    }

    /** The broker's bootstrap servers, for the program under test. */
    public String bootstrapServers() {
        return ready.join();
    }

    /**
     * Publishes a new raw article (language hint {@code ur}, no URL) with this headline and body (paragraphs
     * separated by a blank line), built as {@code khabar ingest} builds one; returns its id, which khabar derives
     * from the content hash (the same title and body give the same id).
     */
    public String publish(String title, String body) {
        String answer = request("ARTICLE", b64(title), b64(body));
        return new String(UNB64.decode(answer), StandardCharsets.UTF_8);
    }

    /** Publishes a raw article given as its JSON (khabar's raw record, docs/record-model.md) under its id. */
    public void publishJson(String id, String rawArticleJson) {
        publishBytes(id, rawArticleJson.getBytes(StandardCharsets.UTF_8));
    }

    /** Publishes any bytes to the raw topic, e.g. to see how the pipeline treats a bad record. */
    public void publishBytes(String key, byte[] value) {
        request("PUBLISH", b64(key), value == null ? "-" : B64.encodeToString(value));
    }

    /** The enriched record (JSON) of the article with this id, waiting up to {@link #DEFAULT_TIMEOUT}. */
    public String awaitEnriched(String id) {
        return awaitEnriched(id, DEFAULT_TIMEOUT);
    }

    /**
     * The enriched record (JSON) of the article with this id, the latest seen, waiting up to the timeout.
     *
     * @throws AssertionError when none arrived in time (the message says what did arrive)
     */
    public String awaitEnriched(String id, Duration timeout) {
        return await(() -> enriched.get(id), timeout, "enriched article " + id);
    }

    /** Every enriched record seen so far, by article id (the latest version of each). */
    public Map<String, String> enriched() {
        return Map.copyOf(enriched);
    }

    /** Waits until a dead-letter record matches, e.g. {@code d -> "bad-1".equals(d.key())}, and returns it. */
    public DeadLetter awaitDeadLetter(Predicate<DeadLetter> match, Duration timeout) {
        return await(
                () -> {
                    synchronized (deadLetters) {
                        return deadLetters.stream().filter(match).findFirst().orElse(null);
                    }
                },
                timeout,
                "matching dead-letter record");
    }

    /** The dead-letter records seen so far. */
    public List<DeadLetter> deadLetters() {
        synchronized (deadLetters) {
            return List.copyOf(deadLetters);
        }
    }

    /** The child JVM's log (its stderr); deleted on {@link #close()}. */
    public Path log() {
        return log;
    }

    /** Stops the child JVM (it closes the enrich app and the broker and deletes their files) and waits for it. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            requests.close(); // end of input: the child shuts down
        } catch (IOException e) {
            // the child is gone already
        }
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException e) {
            // a temporary file
        }
    }

    @Override
    public String toString() {
        return "KhabarPipeline[" + (ready.isDone() && !ready.isCompletedExceptionally() ? ready.join() : "starting")
                + ", child pid " + process.pid() + (ended != null ? ", " + ended : "") + "]";
    }

    private String request(String verb, String... fields) {
        long n = seq.incrementAndGet();
        CompletableFuture<String> answer = new CompletableFuture<>();
        pending.put(n, answer);
        StringBuilder line = new StringBuilder(verb).append(' ').append(n);
        for (String f : fields) {
            line.append(' ').append(f);
        }
        try {
            synchronized (requests) {
                if (ended != null) {
                    throw new IllegalStateException("khabar's test pipeline " + ended + logTail());
                }
                requests.write(line.append('\n').toString());
                requests.flush();
            }
            return answer.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            throw new IllegalStateException("khabar's test pipeline is gone (" + e.getMessage() + ")" + logTail(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "khabar's test pipeline refused " + verb + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "khabar's test pipeline did not answer " + verb + " within " + DEFAULT_TIMEOUT + logTail());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for khabar's test pipeline", e);
        } finally {
            pending.remove(n);
        }
    }

    /** Reads the child's protocol lines until it ends. */
    private void read() {
        try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            for (String line; (line = in.readLine()) != null; ) {
                String[] f = line.split(" ", -1);
                switch (f[0]) {
                    case "READY" -> ready.complete(f[1]);
                    case "ENRICHED" -> {
                        if (!"-".equals(f[2])) {
                            enriched.put(text(f[1]), text(f[2]));
                        }
                    }
                    case "DEAD" -> {
                        synchronized (deadLetters) {
                            deadLetters.add(new DeadLetter(text(f[1]), bytes(f[2]), headers(f[3])));
                        }
                    }
                    case "OK" -> answer(f[1], true, f.length > 2 ? f[2] : "");
                    case "FAIL" -> answer(f[1], false, text(f[2]));
                    default -> {
                        // not ours; ignore
                    }
                }
                synchronized (arrivals) {
                    arrivals.notifyAll();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the child is gone; said below
        }
        String why;
        try {
            why = "exited with status " + process.waitFor();
        } catch (InterruptedException e) {
            why = "ended";
        }
        ended = why;
        IllegalStateException gone = new IllegalStateException("the child JVM " + why);
        ready.completeExceptionally(gone);
        pending.values().forEach(a -> a.completeExceptionally(gone));
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
    }

    private void answer(String n, boolean ok, String payload) {
        CompletableFuture<String> a = pending.get(Long.parseLong(n));
        if (a != null) {
            if (ok) {
                a.complete(payload);
            } else {
                a.completeExceptionally(new IllegalStateException(payload));
            }
        }
    }

    private <T> T await(Supplier<T> probe, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (true) {
                T found = probe.get();
                if (found != null) {
                    return found;
                }
                if (ended != null && !closing) {
                    throw new IllegalStateException("no " + what + ": khabar's test pipeline " + ended + logTail());
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(new TimeoutException("no " + what + " within " + timeout + "; "
                            + enriched.size() + " enriched and " + deadLetters().size()
                            + " dead-letter record(s) seen; child log " + log));
                }
                try {
                    arrivals.wait(Math.max(1, Math.min(left / 1_000_000, 200)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + what, e);
                }
            }
        }
    }

    /** The last lines of the child's log, for messages. */
    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> tail = lines.subList(Math.max(0, lines.size() - 30), lines.size());
            return tail.isEmpty()
                    ? "; its log " + log + " is empty"
                    : "; end of its log " + log + ":\n  " + String.join("\n  ", tail);
        } catch (IOException | RuntimeException e) {
            return "; its log " + log + " cannot be read";
        }
    }

    private static String b64(String s) {
        return s == null ? "-" : B64.encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String field) {
        return "-".equals(field) ? null : UNB64.decode(field);
    }

    private static String text(String field) {
        byte[] b = bytes(field);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(String field) {
        Map<String, String> h = new LinkedHashMap<>();
        if (!"-".equals(field) && !field.isEmpty()) {
            for (String pair : field.split(",")) {
                int colon = pair.indexOf(':');
                String value = text(pair.substring(colon + 1));
                h.put(text(pair.substring(0, colon)), value == null ? "" : value);
            }
        }
        return h;
    }
}
