package io.khabar.serve;

import io.khabar.model.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code khabar serve}: the {@link ServeTopology} Kafka Streams app and the {@link ServeHttpServer} answering from
 * its stores. Instances with the same {@code application.id} share the partitions; each advertises its HTTP address
 * as {@code application.server}, and a request for a key another instance holds is redirected there
 * ({@link KafkaStreams#queryMetadataForKey}).
 */
public final class ServeApp implements AutoCloseable {

    /** Default {@code application.id}. */
    public static final String DEFAULT_APPLICATION_ID = "khabar-serve";
    /** Default address: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";
    /** Default port. */
    public static final int DEFAULT_PORT = 8080;
    /** How often the latest-articles page asks for new articles. */
    public static final long DEFAULT_POLL_MILLIS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(ServeApp.class);

    private final KafkaStreams streams;
    private final ServeHttpServer http;
    private final HostInfo self;

    private ServeApp(KafkaStreams streams, ServeHttpServer http, HostInfo self) {
        this.streams = streams;
        this.http = http;
        this.self = self;
    }

    /**
     * Streams settings: exactly once (counts stay exact over failures), earliest offsets, the dead-letter handler,
     * and the given properties on top.
     */
    public static Properties streamsConfig(String bootstrapServers, Properties overrides) {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, DEFAULT_APPLICATION_ID);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, ServeDeadLetterHandler.class.getName());
        p.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, Topics.DEAD_LETTER);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        p.put(
                StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                String.valueOf(8 * 1024 * 1024));
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "-1");
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "500");
        p.putAll(overrides);
        return p;
    }

    /**
     * Binds the HTTP address, then starts the Streams app advertising it (or {@code advertised} when given, e.g. the
     * host name other instances and browsers reach this one by). Returns at once; pages answer 503 until the stores
     * are ready.
     */
    public static ServeApp start(Properties streamsConfig, InetSocketAddress bind, String advertised, int threads)
            throws IOException {
        return start(streamsConfig, bind, advertised, threads, DEFAULT_POLL_MILLIS);
    }

    /** As {@link #start(Properties, InetSocketAddress, String, int)}, the latest-articles page asking every {@code pollMillis}. */
    public static ServeApp start(
            Properties streamsConfig, InetSocketAddress bind, String advertised, int threads, long pollMillis)
            throws IOException {
        Holder holder = new Holder();
        ServeHttpServer http =
                ServeHttpServer.start(bind, new ViewQueries(holder), holder, holder, threads, pollMillis);
        HostInfo self =
                HostInfo.buildFromEndpoint(advertised != null ? advertised : bind.getHostString() + ":" + http.port());
        Properties config = new Properties();
        config.putAll(streamsConfig);
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
        KafkaStreams streams = new KafkaStreams(ServeTopology.build(), config);
        streams.setStateListener((now, before) -> log.info("serve app: {} -> {}", before, now));
        holder.streams = streams;
        holder.self = self;
        try {
            streams.start();
        } catch (RuntimeException e) {
            http.close();
            throw e;
        }
        return new ServeApp(streams, http, self);
    }

    /** Waits until the app is RUNNING; false on timeout or failure. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (streams.state() != KafkaStreams.State.RUNNING) {
            if (System.nanoTime() > deadline
                    || streams.state().hasCompletedShutdown()
                    || streams.state() == KafkaStreams.State.ERROR) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return true;
    }

    /** The page address, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        return "http://" + (self.host().contains(":") ? "[" + self.host() + "]" : self.host()) + ":" + self.port()
                + "/";
    }

    /** The HTTP port. */
    public int port() {
        return http.port();
    }

    /** The Streams instance. */
    public KafkaStreams streams() {
        return streams;
    }

    /** The queries the pages use, on this instance's stores. */
    public ViewQueries queries() {
        Holder h = new Holder();
        h.streams = streams;
        h.self = self;
        return new ViewQueries(h);
    }

    @Override
    public void close() {
        http.close();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
                .withTimeout(Duration.ofSeconds(30)));
    }

    /** Stores of the running instance; locates keys on other instances. */
    private static final class Holder implements StoreSource, ServeHttpServer.Locator, ClusterQueries.Peers {
        volatile KafkaStreams streams;
        volatile HostInfo self;

        private KafkaStreams streams() {
            KafkaStreams s = streams;
            if (s == null) {
                throw new org.apache.kafka.streams.errors.InvalidStateStoreException("not started yet");
            }
            return s;
        }

        @Override
        public <V> ReadOnlyKeyValueStore<String, V> kv(String name) {
            return streams()
                    .store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, V>keyValueStore()));
        }

        @Override
        public <V> List<ReadOnlyKeyValueStore<String, V>> kvPartitions(String name) {
            TreeSet<Integer> partitions = new TreeSet<>();
            for (ThreadMetadata t : streams().metadataForLocalThreads()) {
                for (TaskMetadata task : t.activeTasks()) {
                    task.topicPartitions().stream()
                            .filter(tp -> tp.topic().equals(Topics.ENRICHED))
                            .forEach(tp -> partitions.add(tp.partition()));
                }
            }
            List<ReadOnlyKeyValueStore<String, V>> out = new ArrayList<>();
            for (int p : partitions) {
                out.add(streams()
                        .store(StoreQueryParameters.fromNameAndType(
                                        name, QueryableStoreTypes.<String, V>keyValueStore())
                                .withPartition(p)));
            }
            if (out.isEmpty() && streams().state() != KafkaStreams.State.RUNNING) {
                throw new org.apache.kafka.streams.errors.InvalidStateStoreException("no partitions assigned yet");
            }
            return out;
        }

        @Override
        public ReadOnlyWindowStore<String, Long> window(String name) {
            return streams()
                    .store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<String, Long>windowStore()));
        }

        @Override
        public List<String> others() {
            List<String> out = new ArrayList<>();
            for (var m : streams().metadataForAllStreamsClients()) {
                HostInfo h = m.hostInfo();
                if (!h.equals(self) && h.port() > 0) {
                    out.add("http://" + h.host() + ":" + h.port());
                }
            }
            return out;
        }

        @Override
        public Optional<String> elsewhere(String store, String key) {
            KeyQueryMetadata m =
                    streams().queryMetadataForKey(store, key, Serdes.String().serializer());
            if (m == null || m.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
                throw new org.apache.kafka.streams.errors.InvalidStateStoreException(
                        "no instance holds " + store + " yet");
            }
            HostInfo owner = m.activeHost();
            if (owner.equals(self)) {
                return Optional.empty();
            }
            return Optional.of("http://" + owner.host() + ":" + owner.port());
        }
    }
}
