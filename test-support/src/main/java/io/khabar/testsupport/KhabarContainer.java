package io.khabar.testsupport;

import java.time.Duration;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * khabar's enrich app as a Testcontainers container, for suites that already run their broker as a container
 * (e.g. Testcontainers' {@code KafkaContainer}): started on the broker's network, it creates the khabar topics
 * there and turns raw articles into enriched ones, exactly once, like {@code khabar enrich}. Ready once its
 * {@code /health/ready} answers 200 (it is processing).
 *
 * <pre>{@code
 * Network net = Network.newNetwork();
 * KafkaContainer kafka = new KafkaContainer("apache/kafka:4.4.0")
 *         .withNetwork(net).withNetworkAliases("kafka").withListener("kafka:19092");
 * KhabarContainer khabar = new KhabarContainer("localhost/khabar:latest").withKafka(kafka, "kafka:19092");
 * kafka.start();
 * khabar.start();   // then produce to khabar.articles.raw and read khabar.articles.enriched with your own client
 * }</pre>
 *
 * Needs {@code org.testcontainers:testcontainers} on the test class path (an optional dependency of the test
 * kit: apps that use only {@link KhabarPipeline} do not get it). The image is khabar's ({@code Containerfile};
 * {@code containers/build-local-images.sh khabar} builds {@code localhost/khabar:latest}).
 */
public class KhabarContainer extends GenericContainer<KhabarContainer> {

    /** The port of {@code /metrics}, {@code /health/live} and {@code /health/ready}. */
    public static final int HEALTH_PORT = 9464;

    /** A container of this khabar image running {@code khabar enrich}; name the broker with {@link #withKafka}. */
    public KhabarContainer(String image) {
        this(DockerImageName.parse(image));
    }

    /** As {@link #KhabarContainer(String)}. */
    public KhabarContainer(DockerImageName image) {
        super(image);
        withEnv("KHABAR_JAVA_OPTS", "-Xmx512m");
        withExposedPorts(HEALTH_PORT);
        waitingFor(Wait.forHttp("/health/ready").forPort(HEALTH_PORT).withStartupTimeout(Duration.ofMinutes(3)));
    }

    /**
     * Runs against this broker container: joins its network and starts after it. {@code bootstrapServers} is the
     * address containers on that network use (for {@code KafkaContainer}, the one given to its
     * {@code withListener}).
     */
    public KhabarContainer withKafka(GenericContainer<?> kafka, String bootstrapServers) {
        Network network = kafka.getNetwork();
        if (network == null) {
            throw new IllegalArgumentException("the Kafka container has no network: give it one with withNetwork(…)"
                    + " and an alias with withNetworkAliases(…), and pass the address containers use");
        }
        dependsOn(kafka);
        return withKafka(network, bootstrapServers);
    }

    /** Runs against the broker at {@code bootstrapServers} on this network. */
    public KhabarContainer withKafka(Network network, String bootstrapServers) {
        withNetwork(network);
        return withCommand("enrich", "--bootstrap-servers", bootstrapServers);
    }

    /** The health endpoint's base URL from the test JVM, e.g. for {@code /metrics}. */
    public String healthUrl() {
        return "http://" + getHost() + ":" + getMappedPort(HEALTH_PORT);
    }
}
