package io.khabar.cli;

import io.khabar.enrich.EnrichApp;
import io.khabar.model.Topics;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code khabar status}: what a user runs when output seems stuck. Shows the cluster, the topics and their settings,
 * the enrich and sink consumer groups with their members and lag per partition, samples the lag twice, and says in
 * words what is wrong (a stage not running, a stage hanging, lag growing, topics that can lose records). Exit code
 * 0 when nothing is wrong, 1 when something is.
 */
@Command(
        name = "status",
        mixinStandardHelpOptions = true,
        description =
                "Shows topics, consumer groups, lag and live enrich instances, and says what is wrong (exit 1 if anything is).")
public final class StatusCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Option(
            names = "--application-id",
            paramLabel = "ID",
            defaultValue = EnrichApp.DEFAULT_APPLICATION_ID,
            description = "The enrich app's application.id (default ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(
            names = "--sample",
            paramLabel = "DURATION",
            defaultValue = "3s",
            converter = DurationConverter.class,
            description =
                    "Time between the two lag samples that tell a hanging or falling-behind stage (default ${DEFAULT-VALUE}).")
    Duration sample;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.bootstrapServersOrNull();
        if (bootstrap == null) {
            System.err.println("khabar status: give --bootstrap-servers");
            return 2;
        }
        try (Admin admin = Admin.create(kafka.withBootstrap(bootstrap))) {
            List<String> problems = report(admin, applicationId, sample, System.out);
            return problems.isEmpty() ? 0 : 1;
        }
    }

    /** One consumer group's view: members, their instances, and committed offsets. */
    record Group(String id, String state, List<MemberDescription> members, Map<TopicPartition, Long> committed) {
        /** Distinct processes: the static instance id without the thread suffix, else the client id before "-StreamThread-". */
        Set<String> instances() {
            Set<String> out = new LinkedHashSet<>();
            for (MemberDescription m : members) {
                String id = m.groupInstanceId()
                        .map(s -> s.replaceFirst("-\\d+$", ""))
                        .orElse(m.clientId());
                int t = id.indexOf("-StreamThread-");
                out.add((t > 0 ? id.substring(0, t) : id) + "@" + m.host());
            }
            return out;
        }
    }

    /** Prints the report and returns the problems found, each a sentence saying what is wrong and what to check. */
    static List<String> report(Admin admin, String applicationId, Duration sample, PrintStream out) throws Exception {
        List<String> problems = new ArrayList<>();
        Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
        Node controller = admin.describeCluster().controller().get(30, TimeUnit.SECONDS);
        out.println("cluster: " + nodes.size() + " broker" + (nodes.size() == 1 ? "" : "s") + " ("
                + String.join(
                        ", ",
                        nodes.stream()
                                .map(n -> n.id() + "@" + n.host() + ":" + n.port())
                                .toList()) + ")"
                + (controller == null ? "" : ", controller " + controller.id()));

        out.println();
        out.println("topics:");
        List<TopicAdmin.TopicState> topics =
                TopicAdmin.describe(admin, TopicAdmin.relevantTopics(admin, applicationId));
        for (TopicAdmin.TopicState t : topics) {
            out.printf(
                    "  %-45s %2d partitions  replicas %d  min.insync %d  %s%s%n",
                    t.name(),
                    t.partitions(),
                    t.replicationFactor(),
                    t.minInsyncReplicas(),
                    t.cleanupPolicy(),
                    (t.underReplicated() > 0 ? "  " + t.underReplicated() + " under-replicated" : "")
                            + (t.offline() > 0 ? "  " + t.offline() + " OFFLINE" : ""));
            problems.addAll(TopicAdmin.problems(t, nodes.size()));
            if (t.offline() > 0) {
                problems.add("topic " + t.name() + " has " + t.offline() + " partitions without a leader: writes and"
                        + " reads of them stop until a broker holding a replica is back");
            } else if (t.underReplicated() > 0) {
                problems.add("topic " + t.name() + " has " + t.underReplicated() + " under-replicated partitions: a"
                        + " broker is down or behind");
            }
        }
        for (String t : List.of(Topics.RAW, Topics.ENRICHED, Topics.DEAD_LETTER)) {
            if (topics.stream().noneMatch(s -> s.name().equals(t))) {
                problems.add(
                        "topic " + t + " does not exist: start `khabar ingest` or `khabar enrich`, which create it");
            }
        }
        if (topics.stream().noneMatch(s -> s.name().equals(Topics.RAW))
                || topics.stream().noneMatch(s -> s.name().equals(Topics.ENRICHED))) {
            printProblems(problems, out);
            return problems;
        }

        Map<TopicPartition, Long> rawEnd1 = Offsets.ends(admin, Topics.RAW);
        Map<TopicPartition, Long> enrichedEnd1 = Offsets.ends(admin, Topics.ENRICHED);
        Group enrich1 = group(admin, applicationId);
        List<String> sinkIds = sinkGroups(admin, applicationId);
        Map<String, Group> sinks1 = new TreeMap<>();
        for (String id : sinkIds) {
            sinks1.put(id, group(admin, id));
        }
        Thread.sleep(sample.toMillis());
        Map<TopicPartition, Long> rawEnd2 = Offsets.ends(admin, Topics.RAW);
        Map<TopicPartition, Long> enrichedEnd2 = Offsets.ends(admin, Topics.ENRICHED);
        Group enrich2 = group(admin, applicationId);

        out.println();
        out.println(
                "enrich (group " + applicationId + "): " + enrich2.instances().size() + " instance"
                        + (enrich2.instances().size() == 1 ? "" : "s") + " alive, "
                        + enrich2.members().size() + " stream threads, "
                        + enrich2.state());
        for (String i : enrich2.instances()) {
            out.println("  instance " + i);
        }
        long enrichLag = printLag(out, Topics.RAW, rawEnd2, enrich2.committed());
        long enrichLagBefore = lag(rawEnd1, enrich1.committed());
        long inFlight = 0;
        for (TopicAdmin.TopicState t : topics) {
            if (t.name().startsWith(applicationId + "-") && t.name().endsWith("-repartition")) {
                inFlight += lag(Offsets.ends(admin, t.name()), enrich2.committed());
            }
        }
        if (inFlight > 0) {
            out.println("  between its steps (repartition topics): " + inFlight + " records");
        }
        stageProblems(
                problems,
                "enrich",
                "enrich group " + applicationId,
                enrich2,
                enrichLagBefore,
                enrichLag,
                progress(Topics.RAW, enrich1, enrich2),
                sample);

        out.println();
        if (sinkIds.isEmpty()) {
            out.println("sinks: no consumer group reads " + Topics.ENRICHED);
            if (sum(enrichedEnd2) > 0) {
                problems.add("no sink group has read " + Topics.ENRICHED + ", which holds records: is a sink running"
                        + " (`khabar sink --jsonl DIR` or `--jdbc URL`)?");
            }
        }
        for (String id : sinkIds) {
            Group s2 = group(admin, id);
            out.println("sink (group " + id + "): " + s2.members().size() + " member"
                    + (s2.members().size() == 1 ? "" : "s") + ", " + s2.state());
            long l2 = printLag(out, Topics.ENRICHED, enrichedEnd2, s2.committed());
            long l1 = lag(enrichedEnd1, sinks1.get(id).committed());
            stageProblems(
                    problems,
                    "sink",
                    "sink group " + id,
                    s2,
                    l1,
                    l2,
                    progress(Topics.ENRICHED, sinks1.get(id), s2),
                    sample);
        }
        printProblems(problems, out);
        return problems;
    }

    /** What a stage's group says is wrong, from two samples of its lag and how far its commits moved between them. */
    private static void stageProblems(
            List<String> problems,
            String stage,
            String what,
            Group g,
            long lagBefore,
            long lagNow,
            long progress,
            Duration sample) {
        if (g.members().isEmpty()) {
            if (lagNow > 0) {
                problems.add(what + " has no members and lag " + lagNow + ": is " + stage + " running?");
            }
            return;
        }
        if (lagNow == 0) {
            return;
        }
        if (!"Stable".equalsIgnoreCase(g.state())) {
            problems.add(what + " is " + g.state() + " with lag " + lagNow + ": it is rebalancing (a member joined,"
                    + " left or died); if this lasts more than a minute, check its logs");
        } else if (progress <= 0) {
            problems.add(what + " has " + g.members().size() + " member(s) and lag " + lagNow + " but committed nothing"
                    + " in " + sample.toSeconds() + " s: is " + stage + " hanging? (check its /health/ready, its logs,"
                    + " and whether it can reach the brokers)");
        } else if (lagNow > lagBefore) {
            problems.add(what + " lag growing: " + lagBefore + " -> " + lagNow + " in " + sample.toSeconds() + " s: "
                    + stage + " is slower than its input; start more instances (up to the partition count) or check"
                    + " its logs");
        }
    }

    /** Records a group committed on a topic between two samples. */
    private static long progress(String topic, Group before, Group after) {
        long moved = 0;
        for (Map.Entry<TopicPartition, Long> e : after.committed().entrySet()) {
            if (e.getKey().topic().equals(topic)) {
                moved += e.getValue() - before.committed().getOrDefault(e.getKey(), 0L);
            }
        }
        return moved;
    }

    private static void printProblems(List<String> problems, PrintStream out) {
        out.println();
        if (problems.isEmpty()) {
            out.println("ok: nothing wrong found");
            return;
        }
        out.println("problems:");
        for (String p : problems) {
            out.println("  - " + p);
        }
    }

    /** Prints the lag of each partition of a topic; returns the total. */
    private static long printLag(
            PrintStream out, String topic, Map<TopicPartition, Long> end, Map<TopicPartition, Long> committed) {
        long total = 0;
        List<TopicPartition> partitions = new ArrayList<>(end.keySet());
        partitions.sort(java.util.Comparator.comparingInt(TopicPartition::partition));
        for (TopicPartition tp : partitions) {
            long e = end.get(tp);
            Long c = committed.get(tp);
            long lag = e - (c == null ? 0 : c);
            total += Math.max(0, lag);
            out.printf(
                    "  %s-%d  committed %s  end %d  lag %d%n",
                    topic, tp.partition(), c == null ? "-" : c, e, Math.max(0, lag));
        }
        out.println("  lag total " + total);
        return total;
    }

    private static long lag(Map<TopicPartition, Long> end, Map<TopicPartition, Long> committed) {
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            Long c = committed.get(e.getKey());
            total += Math.max(0, e.getValue() - (c == null ? 0 : c));
        }
        return total;
    }

    private static long sum(Map<TopicPartition, Long> m) {
        return Offsets.sum(m);
    }

    private static Group group(Admin admin, String id) throws InterruptedException {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(id))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(id);
            return new Group(id, d.groupState().toString(), List.copyOf(d.members()), committed(admin, id));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return new Group(id, "absent", List.of(), Map.of());
            }
            throw new IllegalStateException(
                    "cannot describe group " + id + ": " + e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot describe group " + id + ": no answer in 30 s", e);
        }
    }

    /** The committed offsets of a consumer group (empty when it has none). */
    static Map<TopicPartition, Long> committed(Admin admin, String groupId) throws InterruptedException {
        try {
            Map<TopicPartition, Long> out = new java.util.HashMap<>();
            admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS)
                    .forEach((tp, om) -> {
                        if (om != null) {
                            out.put(tp, om.offset());
                        }
                    });
            return out;
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            return Map.of();
        }
    }

    /** Groups other than enrich that have committed offsets on, or members assigned, the enriched topic. */
    private static List<String> sinkGroups(Admin admin, String applicationId) throws Exception {
        List<String> out = new ArrayList<>();
        Collection<GroupListing> all =
                admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(30, TimeUnit.SECONDS);
        for (GroupListing l : all) {
            String id = l.groupId();
            if (id.equals(applicationId)) {
                continue;
            }
            Group g = group(admin, id);
            boolean reads =
                    g.committed().keySet().stream().anyMatch(tp -> tp.topic().equals(Topics.ENRICHED))
                            || g.members().stream()
                                    .anyMatch(m -> m.assignment().topicPartitions().stream()
                                            .anyMatch(tp -> tp.topic().equals(Topics.ENRICHED)));
            if (reads) {
                out.add(id);
            }
        }
        out.sort(null);
        return out;
    }
}
