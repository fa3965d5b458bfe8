package io.khabar.model;

import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the broker every few seconds whether it answers, so that a stage that cannot reach it says so within
 * seconds: one WARN line when it stops answering, the same line again every {@link #DEFAULT_REPEAT} while it
 * does not, and one INFO line when it answers again. {@link #reachable()} feeds readiness (enrich's
 * {@code /health/ready}). The clients keep retrying on their own; this only reports.
 */
public final class BrokerWatch implements AutoCloseable {

    /** How often the broker is asked. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    /** How often the WARN line repeats while the broker does not answer. */
    public static final Duration DEFAULT_REPEAT = Duration.ofSeconds(30);

    private static final Logger LOG = LoggerFactory.getLogger(BrokerWatch.class);

    private final String stage;
    private final String bootstrap;
    private final Admin admin;
    private final ScheduledExecutorService timer;
    private final long repeatNanos;
    private volatile boolean reachable = true;
    private volatile String lastProblem;
    private long downSince;
    private long lastWarned;

    private BrokerWatch(String stage, Properties client, Duration interval, Duration repeat) {
        this.stage = stage;
        this.bootstrap = String.valueOf(client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        Properties p = new Properties();
        for (String name : client.stringPropertyNames()) {
            if (AdminClientConfig.configNames().contains(name)) {
                p.put(name, client.getProperty(name)); // only what an admin client knows: no warnings about the rest
            }
        }
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000");
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "khabar-" + stage + "-broker-watch");
        this.admin = Admin.create(p);
        this.repeatNanos = repeat.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "khabar-" + stage + "-broker-watch");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Starts watching the broker of these client properties (only the connection and security settings are used).
     *
     * @param stage the stage named in the log lines, e.g. {@code enrich}
     */
    public static BrokerWatch start(String stage, Properties client) {
        return new BrokerWatch(stage, client, DEFAULT_INTERVAL, DEFAULT_REPEAT);
    }

    /** The same with other intervals (tests). */
    public static BrokerWatch start(String stage, Properties client, Duration interval, Duration repeat) {
        return new BrokerWatch(stage, client, interval, repeat);
    }

    /** Whether the broker answered the last question (true until the first one fails). */
    public boolean reachable() {
        return reachable;
    }

    /** Why the broker is not reachable, or null. */
    public String problem() {
        return reachable ? null : lastProblem;
    }

    private void check() {
        String problem;
        try {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(3000))
                    .nodes()
                    .get(4, TimeUnit.SECONDS);
            problem = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException e) {
            problem = String.valueOf(e.getCause() == null ? e : e.getCause().getMessage());
        } catch (TimeoutException e) {
            problem = "no answer within 4 s";
        } catch (RuntimeException e) {
            problem = String.valueOf(e.getMessage());
        }
        long now = System.nanoTime();
        if (problem == null) {
            if (!reachable) {
                LOG.info(
                        "{}: the Kafka broker at {} answers again after {} s",
                        stage,
                        bootstrap,
                        TimeUnit.NANOSECONDS.toSeconds(now - downSince));
            }
            reachable = true;
            return;
        }
        lastProblem = problem;
        if (reachable) {
            downSince = now;
            lastWarned = now;
            // the line first, then readiness: whoever sees "unreachable" (/health/ready 503) finds the WARN written
            warn(problem, now);
            reachable = false;
        } else if (now - lastWarned >= repeatNanos) {
            lastWarned = now;
            warn(problem, now);
        }
    }

    private void warn(String problem, long now) {
        LOG.warn(
                "{}: cannot reach the Kafka broker at {} ({}) for {} s; still retrying; check bootstrap.servers "
                        + "and that the broker is up",
                stage,
                OutsideText.escape(bootstrap),
                OutsideText.escape(problem),
                TimeUnit.NANOSECONDS.toSeconds(now - downSince));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        admin.close(Duration.ofSeconds(2));
    }
}
