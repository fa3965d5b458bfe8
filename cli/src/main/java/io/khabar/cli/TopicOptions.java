package io.khabar.cli;

import picocli.CommandLine.Option;

/**
 * How the khabar topics are created when missing: by default replication factor min(3, brokers) and
 * {@code min.insync.replicas=2} from 3 replicas on (see {@link TopicAdmin}). Existing topics are never changed, only
 * checked.
 */
public final class TopicOptions {

    @Option(
            names = "--replication-factor",
            paramLabel = "N",
            description = "Replicas of the topics created if missing (default: min(3, brokers)); also used for the "
                    + "enrich app's internal topics.")
    Integer replicationFactor;

    @Option(
            names = "--min-insync-replicas",
            paramLabel = "N",
            description = "min.insync.replicas of the topics created if missing (default: 2 when the replication "
                    + "factor is 3 or more, else the broker's default).")
    Integer minInsyncReplicas;
}
