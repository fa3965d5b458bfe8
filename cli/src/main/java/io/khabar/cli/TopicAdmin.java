package io.khabar.cli;

import io.khabar.enrich.EntityMemory;
import io.khabar.model.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topic administration for the stages: creates khabar's topics with settings fit for the cluster they are on
 * (replication factor min(3, brokers), {@code min.insync.replicas=2} from 3 replicas on) and checks existing topics
 * for settings that cannot give exactly-once without loss, saying how to fix them.
 */
public final class TopicAdmin {

    private static final Logger log = LoggerFactory.getLogger(TopicAdmin.class);

    /** Kafka's own internal topics that exactly-once depends on, with the broker setting that sizes each. */
    static final Map<String, String> KAFKA_INTERNAL = Map.of(
            "__transaction_state", "transaction.state.log.replication.factor",
            "__consumer_offsets", "offsets.topic.replication.factor");

    private TopicAdmin() {}

    /**
     * What khabar creates topics with.
     *
     * @param partitions         partitions of the raw and enriched topics (the dead-letter topic has 1)
     * @param replicationFactor  copies of each partition
     * @param minInsyncReplicas  {@code min.insync.replicas}; 0 leaves the broker's default
     */
    public record Layout(int partitions, short replicationFactor, int minInsyncReplicas) {
        /** The defaults for a cluster of this many brokers, with whatever the user set on top (null: default). */
        public static Layout forCluster(
                int brokers, int partitions, Integer replicationFactor, Integer minInsyncReplicas) {
            short rf = replicationFactor != null
                    ? replicationFactor.shortValue()
                    : Topics.defaultReplicationFactor(brokers);
            int minIsr = minInsyncReplicas != null ? minInsyncReplicas : Topics.defaultMinInsyncReplicas(rf);
            if (rf < 1) {
                throw new IllegalArgumentException("--replication-factor must be at least 1, was " + rf);
            }
            if (rf > brokers) {
                throw new IllegalArgumentException("--replication-factor " + rf + " needs at least " + rf
                        + " brokers; the cluster has " + brokers);
            }
            if (minIsr < 0 || minIsr > rf) {
                throw new IllegalArgumentException(
                        "--min-insync-replicas must be between 1 and the replication factor " + rf + ", was " + minIsr);
            }
            return new Layout(partitions, rf, minIsr);
        }

        /** The Kafka Streams settings that make its internal topics (changelogs, repartitions) follow this layout. */
        public Map<String, String> streamsSettings() {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("replication.factor", String.valueOf(replicationFactor));
            if (minInsyncReplicas > 0) {
                m.put("topic." + TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInsyncReplicas));
            }
            return m;
        }

        @Override
        public String toString() {
            return partitions + " partitions, replication factor " + replicationFactor
                    + (minInsyncReplicas > 0 ? ", min.insync.replicas " + minInsyncReplicas : "");
        }
    }

    /** One topic's settings that matter for loss: replicas (the fewest of any partition), min.insync.replicas and so on. */
    public record TopicState(
            String name,
            int partitions,
            int replicationFactor,
            int minInsyncReplicas,
            boolean uncleanLeaderElection,
            int underReplicated,
            int offline,
            String cleanupPolicy) {}

    /** How many brokers the cluster has now. */
    public static int brokers(Admin admin) {
        return get(admin.describeCluster().nodes(), "describe the cluster").size();
    }

    /**
     * Creates the missing topics, checks every existing one (khabar's, the given Streams application's internal
     * ones, Kafka's transaction and offsets topics) and logs one WARN per problem with its fix.
     *
     * @return the layout used, for the Streams settings
     */
    public static Layout prepare(Admin admin, int partitions, TopicOptions options, String streamsApplicationId) {
        int brokers = brokers(admin);
        Layout layout = Layout.forCluster(
                brokers,
                partitions,
                options == null ? null : options.replicationFactor,
                options == null ? null : options.minInsyncReplicas);
        Set<String> created = ensureExist(admin, layout);
        if (!created.isEmpty()) {
            log.info("created topics {} with {}", new TreeSet<>(created), layout);
        }
        for (String problem : check(admin, brokers, streamsApplicationId)) {
            log.warn(problem);
        }
        return layout;
    }

    /**
     * Creates whichever of the pipeline's topics do not exist yet; existing ones are left as they are (see
     * {@link #check}).
     *
     * @return the names of the topics created
     */
    public static Set<String> ensureExist(Admin admin, Layout layout) {
        Set<String> existing = get(admin.listTopics().names(), "list topics");
        List<NewTopic> missing =
                Topics.definitions(layout.partitions(), layout.replicationFactor(), layout.minInsyncReplicas()).stream()
                        .filter(t -> !existing.contains(t.name()))
                        .toList();
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while creating topics", e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException(
                            "cannot create the khabar topics: " + e.getCause().getMessage(), e.getCause());
                }
            }
        }
        return missing.stream().map(NewTopic::name).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Every topic of khabar's own, in the order {@code khabar status} lists them: raw, enriched, trending, dead
     * letters, and the name memory (made by enrich, not by {@link #ensureExist}). The Streams application's internal
     * topics and Kafka's come on top of these in {@link #relevantTopics}.
     */
    static final List<String> OWN_TOPICS =
            List.of(Topics.RAW, Topics.ENRICHED, Topics.TRENDING, Topics.DEAD_LETTER, EntityMemory.TOPIC);

    /**
     * Topics that must be compacted: the name memory's records are the latest version of each learned name, read
     * back in full by every enrich instance at start; deleted at retention, the names would be forgotten.
     */
    static final Set<String> COMPACTED = Set.of(EntityMemory.TOPIC);

    /** The topics khabar uses that exist now: its own, the Streams application's internal ones, Kafka's. */
    public static List<String> relevantTopics(Admin admin, String streamsApplicationId) {
        Set<String> all = get(
                admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(true))
                        .names(),
                "list topics");
        List<String> out = new ArrayList<>();
        for (String t : OWN_TOPICS) {
            if (all.contains(t)) {
                out.add(t);
            }
        }
        if (streamsApplicationId != null) {
            all.stream()
                    .filter(t -> t.startsWith(streamsApplicationId + "-"))
                    .sorted()
                    .forEach(out::add);
        }
        all.stream().filter(KAFKA_INTERNAL::containsKey).sorted().forEach(out::add);
        return out;
    }

    /** The state of the given existing topics. */
    public static List<TopicState> describe(Admin admin, Collection<String> topics) {
        if (topics.isEmpty()) {
            return List.of();
        }
        Map<String, TopicDescription> described =
                get(admin.describeTopics(topics).allTopicNames(), "describe topics");
        List<ConfigResource> resources = topics.stream()
                .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t))
                .toList();
        Map<ConfigResource, Config> configs =
                get(admin.describeConfigs(resources).all(), "describe topic settings");
        List<TopicState> out = new ArrayList<>();
        for (String t : topics) {
            TopicDescription d = described.get(t);
            Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t));
            int rf = d.partitions().stream()
                    .mapToInt(p -> p.replicas().size())
                    .min()
                    .orElse(0);
            int under = 0;
            int offline = 0;
            for (TopicPartitionInfo p : d.partitions()) {
                if (p.leader() == null || p.leader().isEmpty()) {
                    offline++;
                } else if (p.isr().size() < p.replicas().size()) {
                    under++;
                }
            }
            out.add(new TopicState(
                    t,
                    d.partitions().size(),
                    rf,
                    intOf(c, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, 1),
                    Boolean.parseBoolean(valueOf(c, TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false")),
                    under,
                    offline,
                    valueOf(c, TopicConfig.CLEANUP_POLICY_CONFIG, "delete")));
        }
        return out;
    }

    /** Problems, each in words with its fix, of the existing topics khabar relies on; empty when all is well. */
    public static List<String> check(Admin admin, int brokers, String streamsApplicationId) {
        List<String> problems = new ArrayList<>();
        for (TopicState t : describe(admin, relevantTopics(admin, streamsApplicationId))) {
            problems.addAll(problems(t, brokers));
        }
        return problems;
    }

    /** What is wrong with one topic on a cluster of this many brokers, each with its fix. */
    static List<String> problems(TopicState t, int brokers) {
        List<String> out = new ArrayList<>();
        int wanted = Topics.defaultReplicationFactor(brokers);
        String alter = "kafka-configs.sh --bootstrap-server <broker> --alter --entity-type topics --entity-name "
                + t.name() + " --add-config ";
        if (t.replicationFactor() < wanted) {
            String fix = KAFKA_INTERNAL.containsKey(t.name())
                    ? "set the broker setting " + KAFKA_INTERNAL.get(t.name()) + "=" + wanted
                            + " and add replicas with kafka-reassign-partitions.sh"
                    : "add replicas with kafka-reassign-partitions.sh (see docs/record-model.md, \"Topics on a cluster\")";
            out.add("topic " + t.name() + " has replication factor " + t.replicationFactor() + " on a cluster of "
                    + brokers + " brokers: losing one broker can lose its records or stop the pipeline; fix: " + fix);
        }
        if (t.replicationFactor() >= 2 && t.minInsyncReplicas() < 2) {
            String fix = KAFKA_INTERNAL.containsKey(t.name())
                    ? "set the broker setting transaction.state.log.min.isr=2 (and min.insync.replicas=2)"
                    : alter + TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG + "=2";
            out.add("topic " + t.name() + " has min.insync.replicas=" + t.minInsyncReplicas() + " with "
                    + t.replicationFactor() + " replicas: a write acknowledged by the leader alone is lost when that"
                    + " broker dies; fix: " + fix);
        }
        if (t.minInsyncReplicas() > t.replicationFactor()) {
            out.add("topic " + t.name() + " has min.insync.replicas=" + t.minInsyncReplicas() + " but only "
                    + t.replicationFactor() + " replicas: every write fails with NotEnoughReplicas; fix: " + alter
                    + TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG + "=" + Math.max(1, t.replicationFactor() - 1));
        }
        if (COMPACTED.contains(t.name())
                && (t.cleanupPolicy() == null || !t.cleanupPolicy().contains(TopicConfig.CLEANUP_POLICY_COMPACT))) {
            out.add("topic " + t.name() + " has cleanup.policy=" + t.cleanupPolicy() + ": its records (the latest"
                    + " version of each key) are deleted at retention instead of kept; fix: " + alter
                    + TopicConfig.CLEANUP_POLICY_CONFIG + "=" + TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        if (t.uncleanLeaderElection()) {
            out.add("topic " + t.name() + " allows unclean leader election: a replica that is behind may become leader"
                    + " and drop acknowledged records; fix: " + alter
                    + TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG
                    + "=false");
        }
        return out;
    }

    private static int intOf(Config c, String key, int dflt) {
        try {
            return Integer.parseInt(valueOf(c, key, String.valueOf(dflt)).trim());
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static String valueOf(Config c, String key, String dflt) {
        ConfigEntry e = c == null ? null : c.get(key);
        return e == null || e.value() == null ? dflt : e.value();
    }

    private static <T> T get(org.apache.kafka.common.KafkaFuture<T> f, String what) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
