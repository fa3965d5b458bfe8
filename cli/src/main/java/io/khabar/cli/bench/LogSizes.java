package io.khabar.cli.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.admin.ReplicaInfo;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;

/**
 * Bytes in the brokers' logs per topic (compressed record batches, headers and transaction markers: what the brokers
 * wrote), summed over partitions and replicas. Used by the bench to show how many bytes each article costs the
 * brokers in the pipeline against the plain produce+consume limit.
 */
final class LogSizes {

    private LogSizes() {}

    /**
     * Bytes the brokers in this JVM received for each matching topic (their {@code BrokerTopicMetrics BytesInPerSec}
     * counts, read over JMX: the producers' compressed batches, before any retention or purge), by topic; empty when
     * no broker runs in this JVM. Unlike log sizes, this also counts what Streams purged from its repartition topics
     * once consumed.
     */
    static Map<String, Long> bytesIn(Predicate<String> topics) {
        return brokerTopicCounts("BytesInPerSec", topics);
    }

    /**
     * Records the brokers in this JVM appended for each matching topic ({@code BrokerTopicMetrics MessagesInPerSec}:
     * the producers' records, not the transaction markers), by topic; empty when no broker runs in this JVM.
     */
    static Map<String, Long> messagesIn(Predicate<String> topics) {
        return brokerTopicCounts("MessagesInPerSec", topics);
    }

    private static Map<String, Long> brokerTopicCounts(String metric, Predicate<String> topics) {
        Map<String, Long> out = new HashMap<>();
        try {
            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            for (javax.management.ObjectName name : server.queryNames(
                    new javax.management.ObjectName("kafka.server:type=BrokerTopicMetrics,name=" + metric + ",topic=*"),
                    null)) {
                String topic = name.getKeyProperty("topic");
                if (topic != null && topics.test(topic)) {
                    out.merge(topic, ((Number) server.getAttribute(name, "Count")).longValue(), Long::sum);
                }
            }
        } catch (javax.management.JMException | RuntimeException e) {
            return new HashMap<>();
        }
        return out;
    }

    /** Log bytes of the topics that match, by topic. */
    static Map<String, Long> of(Admin admin, Predicate<String> topics) throws ExecutionException, InterruptedException {
        Collection<Integer> brokers =
                admin.describeCluster().nodes().get().stream().map(Node::id).collect(Collectors.toList());
        Map<String, Long> sizes = new HashMap<>();
        for (Map<String, LogDirDescription> dirs :
                admin.describeLogDirs(brokers).allDescriptions().get().values()) {
            for (LogDirDescription dir : dirs.values()) {
                for (Map.Entry<TopicPartition, ReplicaInfo> e :
                        dir.replicaInfos().entrySet()) {
                    if (topics.test(e.getKey().topic())) {
                        sizes.merge(e.getKey().topic(), e.getValue().size(), Long::sum);
                    }
                }
            }
        }
        return sizes;
    }
}
