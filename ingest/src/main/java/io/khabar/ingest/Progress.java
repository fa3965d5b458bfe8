package io.khabar.ingest;

import io.khabar.model.RawArticle;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows how an ingest is going: on a terminal a progress bar redrawn in place (count, rate, and ETA when the
 * total is known); otherwise a plain line every {@code logEvery}. Wraps the listener that publishes.
 */
public final class Progress implements AutoCloseable {

    private final PrintStream out;
    private final boolean terminal;
    private final Duration every;
    private final AtomicLong articles = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile long total = -1;
    private final long started = System.nanoTime();
    private ScheduledExecutorService timer;

    /**
     * @param out      where to draw (standard error, so standard output stays for the summary)
     * @param terminal draw a bar in place rather than log lines
     * @param every    time between two updates
     */
    public Progress(PrintStream out, boolean terminal, Duration every) {
        this.out = out;
        this.terminal = terminal;
        this.every = every;
    }

    /** A bar redrawn 5 times a second on a terminal; a line every 10 s otherwise. */
    public static Progress forConsole() {
        boolean tty = System.console() != null;
        return new Progress(System.err, tty, tty ? Duration.ofMillis(200) : Duration.ofSeconds(10));
    }

    /** Sets the number of items expected, when known (enables the bar and the ETA). */
    public Progress expect(long items) {
        total = items;
        return this;
    }

    /** Wraps a listener so that what passes through is counted. */
    public SourceListener wrap(SourceListener delegate) {
        synchronized (this) {
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "ingest-progress");
                    t.setDaemon(true);
                    return t;
                });
                timer.scheduleAtFixedRate(this::show, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        return new SourceListener() {
            @Override
            public void onArticle(RawArticle article) {
                delegate.onArticle(article);
                articles.incrementAndGet();
            }

            @Override
            public void onRejected(String location, String reason, String message, byte[] content) {
                delegate.onRejected(location, reason, message, content);
                rejected.incrementAndGet();
            }

            @Override
            public boolean awaitDelivered() {
                return delegate.awaitDelivered();
            }
        };
    }

    /** Items read so far per second since the start. */
    public double rate() {
        double s = (System.nanoTime() - started) / 1e9;
        return s <= 0 ? 0 : (articles.get() + rejected.get()) / s;
    }

    /** One status line, e.g. {@code [#####     ] 5,000/10,000 50% 4,210/s ETA 1s}. */
    String line() {
        long done = articles.get() + rejected.get();
        double rate = rate();
        StringBuilder b = new StringBuilder();
        long t = total;
        if (t > 0) {
            int width = 30;
            int filled = (int) Math.min(width, done * width / t);
            b.append('[')
                    .append("#".repeat(filled))
                    .append(" ".repeat(width - filled))
                    .append("] ");
            b.append(String.format(Locale.ROOT, "%,d/%,d %3d%%", done, t, done * 100 / t));
        } else {
            b.append(String.format(Locale.ROOT, "%,d read", done));
        }
        b.append(String.format(Locale.ROOT, ", %,d rejected, %,.0f/s", rejected.get(), rate));
        if (t > 0 && rate > 0 && done < t) {
            b.append(String.format(Locale.ROOT, ", ETA %ds", (long) Math.ceil((t - done) / rate)));
        }
        return b.toString();
    }

    private void show() {
        if (terminal) {
            out.print("\r\u001B[2K" + line());
        } else {
            out.println("ingest: " + line());
        }
        out.flush();
    }

    /** Stops updating; on a terminal draws the last state and ends the line. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        if (terminal) {
            out.print("\r\u001B[2K" + line() + System.lineSeparator());
            out.flush();
        }
    }
}
