package io.khabar.it.containers;

import com.github.dockerjava.api.command.InspectContainerResponse;
import java.time.Duration;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.output.Slf4jLogConsumer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.lifecycle.Startable;

/**
 * A Kafka broker in a container, reachable by the test (on the host) and by other containers on its network
 * (as {@code kafka:PORT}): the official {@code apache/kafka} image, or the khabar image in {@code broker} mode.
 */
public interface KafkaBroker extends Startable {

    /** The network alias other containers use. */
    String ALIAS = "kafka";

    /** Bootstrap servers for clients in the test JVM. */
    String bootstrapServers();

    /** Bootstrap servers for containers on the same network ({@value #ALIAS}:PORT). */
    String networkBootstrapServers();

    /** The broker the configuration names ({@link ContainerImages#kafkaImage()}), not started yet. */
    static KafkaBroker create(Network network) {
        String image = ContainerImages.kafkaImage();
        if (ContainerImages.KHABAR_BROKER.equals(image)) {
            return new KhabarBroker(ContainerImages.khabarImage(), network);
        }
        return new ApacheKafka(image, network);
    }

    /**
     * The official image through Testcontainers' Kafka module: its own listener for the host, and one more
     * advertised as kafka:19092 for containers (9092 to 9094 are the module's own listeners).
     */
    final class ApacheKafka implements KafkaBroker {
        private static final String NETWORK_ADDRESS = ALIAS + ":19092";
        private final KafkaContainer container;

        ApacheKafka(String image, Network network) {
            container = new KafkaContainer(image)
                    .withNetwork(network)
                    .withNetworkAliases(ALIAS)
                    .withListener(NETWORK_ADDRESS)
                    .withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container.kafka")));
        }

        @Override
        public void start() {
            container.start();
        }

        @Override
        public void stop() {
            container.stop();
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public String networkBootstrapServers() {
            return NETWORK_ADDRESS;
        }
    }

    /**
     * {@code khabar broker} with two listeners: 9092 advertised as kafka:9092 on the network, 19092 advertised as
     * the host port it is mapped to. That port is known only once the container exists, so the container waits
     * for its arguments, which {@link #containerIsStarting} copies in (as Testcontainers' own Kafka modules do).
     */
    final class KhabarBroker extends GenericContainer<KhabarBroker> implements KafkaBroker {
        private static final int EXTERNAL_PORT = 19092;
        private static final String ARGS_FILE = "/tmp/khabar-broker.args";

        KhabarBroker(String image, Network network) {
            super(image);
            withNetwork(network);
            withNetworkAliases(ALIAS);
            withExposedPorts(EXTERNAL_PORT);
            withCreateContainerCmdModifier(cmd -> cmd.withEntrypoint("sh"));
            withCommand(
                    "-c",
                    "while [ ! -s " + ARGS_FILE + " ]; do sleep 0.1; done; exec khabar broker $(cat " + ARGS_FILE
                            + ")");
            withEnv("KHABAR_JAVA_OPTS", "-Xmx512m");
            waitingFor(Wait.forLogMessage(".*khabar broker: ready on.*", 1).withStartupTimeout(Duration.ofMinutes(2)));
            withLogConsumer(new Slf4jLogConsumer(LoggerFactory.getLogger("container.kafka")));
        }

        @Override
        protected void containerIsStarting(InspectContainerResponse info) {
            String args = "--host 0.0.0.0 --port 9092 --advertised-host " + ALIAS + " --external-port " + EXTERNAL_PORT
                    + " --external-address " + bootstrapServers() + "\n";
            copyFileToContainer(Transferable.of(args), ARGS_FILE);
        }

        @Override
        public String bootstrapServers() {
            return getHost() + ":" + getMappedPort(EXTERNAL_PORT);
        }

        @Override
        public String networkBootstrapServers() {
            return ALIAS + ":9092";
        }
    }
}
