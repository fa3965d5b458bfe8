package io.khabar.kafka.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs a real broker: one shared for most tests, and short-lived ones where the lifecycle is the subject. */
class EmbeddedKafkaBrokerIT {

    private static final String URDU_HEADLINE = "کراچی میں بارش، شہر کی سڑکیں زیرِ آب";

    private static EmbeddedKafkaBroker kafka;

    @BeforeAll
    static void startSharedBroker() {
        kafka = EmbeddedKafkaBroker.start();
    }

    @AfterAll
    static void stopSharedBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldAdvertiseLoopbackAndTheChosenPort() {
        assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + kafka.port());
        assertThat(kafka.port()).isPositive().isNotEqualTo(kafka.controllerPort());
        assertThat(kafka.clusterId()).isNotBlank();
    }

    @Test
    void shouldRoundTripAnUrduRecordThroughATopicCreatedWithAdmin() throws Exception {
        String topic = uniqueTopic("urdu");
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
            assertThat(admin.listTopics().names().get()).contains(topic);
        }
        try (KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            producer.send(new ProducerRecord<>(topic, "خبر-1", URDU_HEADLINE)).get();
        }

        List<ConsumerRecord<String, String>> records = consume(kafka, topic, "read_uncommitted", 1);

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("خبر-1");
            assertThat(r.value()).isEqualTo(URDU_HEADLINE);
            assertThat(r.value().getBytes(StandardCharsets.UTF_8))
                    .isEqualTo(URDU_HEADLINE.getBytes(StandardCharsets.UTF_8));
        });
    }

    @Test
    void shouldShowReadCommittedConsumersOnlyCommittedTransactions() throws Exception {
        String topic = uniqueTopic("tx");
        kafka.createTopic(topic, 1);
        try (KafkaProducer<String, String> producer =
                producer(kafka, Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-" + topic))) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "aborted")).get();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", URDU_HEADLINE));
            producer.commitTransaction();
        }

        // read_uncommitted sees both records; waiting for both makes sure the committed one has arrived.
        assertThat(consume(kafka, topic, "read_uncommitted", 2))
                .extracting(ConsumerRecord::value)
                .containsExactly("aborted", URDU_HEADLINE);
        assertThat(consume(kafka, topic, "read_committed", 1))
                .extracting(ConsumerRecord::value)
                .containsExactly(URDU_HEADLINE);
    }

    @Test
    void shouldRunAKafkaStreamsAppWithExactlyOnceV2() throws Exception {
        String input = uniqueTopic("streams-in");
        String output = uniqueTopic("streams-out");
        kafka.createTopic(input, 1);
        kafka.createTopic(output, 1);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(v -> v + " ✓")
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "eos-" + input);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(
                StreamsConfig.STATE_DIR_CONFIG,
                Files.createTempDirectory("khabar-streams-").toString());

        try (KafkaStreams streams = new KafkaStreams(builder.build(), props);
                KafkaProducer<String, String> producer = producer(kafka, Map.of())) {
            streams.start();
            producer.send(new ProducerRecord<>(input, "k", URDU_HEADLINE)).get();

            assertThat(consume(kafka, output, "read_committed", 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly(URDU_HEADLINE + " ✓");
        }
    }

    @Test
    void shouldRefuseToCreateATopicTwice() {
        String topic = uniqueTopic("twice");
        kafka.createTopic(topic, 2);

        assertThatThrownBy(() -> kafka.createTopic(topic, 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topic);
    }

    @Test
    void shouldNotCreateTopicsAutomatically() throws Exception {
        String topic = uniqueTopic("auto");
        try (KafkaProducer<String, String> producer =
                producer(kafka, Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000))) {
            assertThatThrownBy(() ->
                            producer.send(new ProducerRecord<>(topic, "k", "v")).get())
                    .hasMessageContaining(topic);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    void shouldKeepRecordsAndCommittedOffsetsWhenRestartedOnTheSameLogDir(@TempDir Path dir) throws Exception {
        String topic = "persisted";
        String group = "persisted-group";
        String clusterId;
        try (EmbeddedKafkaBroker first =
                EmbeddedKafkaBroker.builder().logDir(dir).start()) {
            clusterId = first.clusterId();
            first.createTopic(topic, 1);
            try (KafkaProducer<String, String> producer = producer(first, Map.of())) {
                producer.send(new ProducerRecord<>(topic, "k", URDU_HEADLINE)).get();
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", first.bootstrapServers()))) {
                admin.alterConsumerGroupOffsets(group, Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(1)))
                        .all()
                        .get();
            }
        }
        assertThat(dir.resolve("meta.properties")).exists();

        try (EmbeddedKafkaBroker second =
                EmbeddedKafkaBroker.builder().logDir(dir).start()) {
            assertThat(second.clusterId()).isEqualTo(clusterId);
            assertThat(consume(second, topic, "read_committed", 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly(URDU_HEADLINE);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", second.bootstrapServers()))) {
                assertThat(admin.listConsumerGroupOffsets(group)
                                .partitionsToOffsetAndMetadata()
                                .get())
                        .containsEntry(new TopicPartition(topic, 0), new OffsetAndMetadata(1));
            }
        }
        assertThat(dir).as("a caller's log dir is kept").isDirectoryContaining("glob:**/meta.properties");
    }

    @Test
    void shouldRunTwoIndependentBrokersInOneJvm() throws Exception {
        String topic = uniqueTopic("only-on-second");
        try (EmbeddedKafkaBroker second = EmbeddedKafkaBroker.start()) {
            assertThat(second.port()).isNotEqualTo(kafka.port());
            second.createTopic(topic, 1);
            try (KafkaProducer<String, String> producer = producer(second, Map.of())) {
                producer.send(new ProducerRecord<>(topic, "k", URDU_HEADLINE)).get();
            }

            assertThat(consume(second, topic, "read_committed", 1))
                    .extracting(ConsumerRecord::value)
                    .containsExactly(URDU_HEADLINE);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).doesNotContain(topic);
            }
            assertThat(second.clusterId()).isNotEqualTo(kafka.clusterId());
        }
    }

    @Test
    void shouldFreeItsPortsAndDeleteItsTemporaryLogDirOnClose() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        int port = broker.port();
        int controllerPort = broker.controllerPort();
        Path logDir = broker.logDir();
        assertThat(logDir).isDirectory();
        assertThat(isBindable(port)).as("port in use while running").isFalse();

        broker.close();
        broker.close();

        assertThat(isBindable(port)).as("client port free after close").isTrue();
        assertThat(isBindable(controllerPort))
                .as("controller port free after close")
                .isTrue();
        assertThat(logDir).doesNotExist();
    }

    @Test
    void shouldStartOnARequestedPortAndAdvertisedHost() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder()
                .port(port)
                .listenerHost("0.0.0.0")
                .advertisedHost("localhost")
                .start()) {
            assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
            broker.createTopic("fixed-port", 1);
        }
    }

    @Test
    void shouldFailWithAClearErrorAndCleanUpWhenTheRequestedPortIsTaken(@TempDir Path tempRoot) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> EmbeddedKafkaBroker.builder()
                            .port(taken.getLocalPort())
                            .start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(Integer.toString(taken.getLocalPort()));

            // No temporary log dir left behind: checked in a child JVM with a temp root of its own. The machine's
            // /tmp is shared with every JVM on it, and a broker another build started meanwhile made a new
            // khabar-kafka-* there (seen failing this test while other builds ran on the machine).
            Path out = tempRoot.resolve("child.log");
            Process child = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "-Xmx256m",
                            "-Djava.io.tmpdir=" + tempRoot,
                            "-cp",
                            System.getProperty("java.class.path"),
                            StartOnTakenPort.class.getName(),
                            Integer.toString(taken.getLocalPort()))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .start();
            try {
                assertThat(child.waitFor(120, java.util.concurrent.TimeUnit.SECONDS))
                        .as("child ended")
                        .isTrue();
            } finally {
                child.destroyForcibly();
            }
            String output = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(child.exitValue()).as(output).isZero();
            assertThat(output).contains("FAILED=").contains(Integer.toString(taken.getLocalPort()));
            assertThat(kafkaTempDirs(tempRoot)).as("temporary log dir removed").isEmpty();
        }
        // The JVM and the shared broker survive a failed start.
        kafka.createTopic(uniqueTopic("after-failed-start"), 1);
    }

    @Test
    void shouldDeleteItsTemporaryLogDirWhenTheJvmExitsWithoutClose() throws Exception {
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        StartAndExitWithoutClose.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(output).isZero();

        String logDir = output.lines()
                .filter(l -> l.startsWith("LOG_DIR="))
                .findFirst()
                .map(l -> l.substring("LOG_DIR=".length()))
                .orElseThrow(() -> new AssertionError(output));
        assertThat(Path.of(logDir)).doesNotExist();
    }

    private static Set<Path> kafkaTempDirs(Path root) throws IOException {
        try (var files = Files.list(root)) {
            return files.filter(p -> p.getFileName().toString().startsWith("khabar-kafka-"))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    private static boolean isBindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static KafkaProducer<String, String> producer(EmbeddedKafkaBroker broker, Map<String, Object> extra) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putAll(extra);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Polls until {@code expected} records have arrived or 30 s have passed, whichever comes first. */
    private static List<ConsumerRecord<String, String>> consume(
            EmbeddedKafkaBroker broker, String topic, String isolation, int expected) {
        Map<String, Object> props = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                isolation);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(Set.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            // One more short poll so that a record beyond the expected ones would be noticed.
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
