package io.khabar.kafka.embedded.junit;

import io.khabar.kafka.embedded.EmbeddedKafkaBroker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A real embedded KRaft broker for a JUnit 5 test class, in place of the {@code @BeforeAll}/{@code @AfterAll}
 * block each integration test used to copy:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final EmbeddedKafkaExtension kafka = EmbeddedKafkaExtension.perClass().withTopics(Topics.definitions(3, (short) 1));
 * ... kafka.bootstrapServers() ...
 * }</pre>
 *
 * {@link #perClass()} starts a broker before the class's first test and closes it after its last;
 * {@link #shared()} starts one broker for every class of the test run that asks for it (kept in JUnit's root
 * store, closed when the run ends), for modules whose tests only need a topic of their own. Test and lifecycle
 * methods may also take an {@link EmbeddedKafkaBroker} parameter. Ships in {@code khabar-embedded-kafka}'s test-jar.
 */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);

    private final boolean shared;
    private final List<NewTopic> topics = new ArrayList<>();
    private volatile EmbeddedKafkaBroker broker;

    private EmbeddedKafkaExtension(boolean shared) {
        this.shared = shared;
    }

    /** A broker of the test class's own. */
    public static EmbeddedKafkaExtension perClass() {
        return new EmbeddedKafkaExtension(false);
    }

    /** One broker for all test classes of the run that use this. */
    public static EmbeddedKafkaExtension shared() {
        return new EmbeddedKafkaExtension(true);
    }

    /** Topics to create when the class starts (if they do not exist yet). */
    public EmbeddedKafkaExtension withTopics(Collection<NewTopic> toCreate) {
        topics.addAll(toCreate);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (shared) {
            broker = context.getRoot()
                    .getStore(NAMESPACE)
                    .getOrComputeIfAbsent("shared-broker", k -> new Holder(EmbeddedKafkaBroker.start()), Holder.class)
                    .broker;
        } else {
            broker = EmbeddedKafkaBroker.start();
        }
        if (!topics.isEmpty()) {
            broker.createTopics(topics);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!shared && broker != null) {
            broker.close();
        }
    }

    /** The broker; throws if asked before the class started. */
    public EmbeddedKafkaBroker broker() {
        if (broker == null) {
            throw new IllegalStateException("the embedded broker is not started: register the extension on a static"
                    + " field with @RegisterExtension and use it from @BeforeAll or a test");
        }
        return broker;
    }

    /** {@code host:port} of the broker. */
    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** Client properties with only {@code bootstrap.servers} set, a new copy each time. */
    public Properties clientProperties() {
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrapServers());
        return p;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EmbeddedKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return broker();
    }

    /** Closes the shared broker when JUnit closes its root store at the end of the run (JUnit 5.13+ closes AutoCloseable values). */
    private record Holder(EmbeddedKafkaBroker broker) implements AutoCloseable {
        @Override
        public void close() {
            broker.close();
        }
    }
}
