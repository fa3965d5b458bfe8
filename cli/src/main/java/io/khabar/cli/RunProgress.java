package io.khabar.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * The progress of {@code khabar run}: published / enriched / written, the rate and, once ingest has read
 * everything, the ETA. On a terminal one line redrawn in place; otherwise a plain line every ten seconds.
 */
final class RunProgress implements AutoCloseable {

    private final PrintStream out;
    private final boolean terminal;
    private final long everyNanos;
    private final long started = System.nanoTime();
    private long lastShown;
    private boolean drawn;

    RunProgress(PrintStream out, boolean terminal, long everyMillis) {
        this.out = out;
        this.terminal = terminal;
        this.everyNanos = everyMillis * 1_000_000L;
        this.lastShown = started;
    }

    /** On standard error: redrawn five times a second on a terminal, a line every 10 s otherwise. */
    static RunProgress forConsole() {
        boolean tty = System.console() != null;
        return new RunProgress(System.err, tty, tty ? 200 : 10_000);
    }

    /** Shows the status when it is time to. */
    synchronized void show(PipelineRun.Status s) {
        long now = System.nanoTime();
        if (now - lastShown < everyNanos) {
            return;
        }
        lastShown = now;
        String line = line(s, (now - started) / 1e9);
        if (terminal) {
            out.print("\r\u001b[2K" + line);
            drawn = true;
        } else {
            out.println("khabar run: " + line);
        }
        out.flush();
    }

    static String line(PipelineRun.Status s, double seconds) {
        double rate = seconds > 0 ? s.written() / seconds : 0;
        StringBuilder b = new StringBuilder(String.format(
                Locale.ROOT,
                "%d published, %d enriched, %d written, %.0f/s",
                s.published(),
                s.enriched(),
                s.written(),
                rate));
        long expected = s.expected();
        if (expected < 0) {
            b.append(", reading inputs");
        } else if (rate > 0 && expected > s.written()) {
            b.append(String.format(Locale.ROOT, ", ETA %.0f s", (expected - s.written()) / rate));
        }
        return b.toString();
    }

    @Override
    public synchronized void close() {
        if (terminal && drawn) {
            out.println();
        }
    }
}
