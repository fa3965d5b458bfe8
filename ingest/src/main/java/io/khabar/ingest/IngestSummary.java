package io.khabar.ingest;

import java.util.List;

/**
 * What one ingest run did.
 *
 * @param published articles acknowledged by the broker
 * @param rejected  inputs rejected (each also sent to the dead-letter topic)
 * @param failed    articles (or dead letters of rejected inputs) the broker did not acknowledge after retries
 * @param problems  one line per rejected or failed input: location and reason
 */
public record IngestSummary(long published, long rejected, long failed, List<String> problems) {

    public IngestSummary {
        problems = List.copyOf(problems);
    }

    /** True when every input became a published article. */
    public boolean allPublished() {
        return rejected == 0 && failed == 0;
    }
}
