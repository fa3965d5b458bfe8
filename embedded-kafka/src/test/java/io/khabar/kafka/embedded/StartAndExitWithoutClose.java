package io.khabar.kafka.embedded;

/** Child-JVM program for {@link EmbeddedKafkaBrokerIT}: starts a broker, prints its log dir, exits without close. */
public final class StartAndExitWithoutClose {

    private StartAndExitWithoutClose() {}

    /** Entry point. */
    public static void main(String[] args) {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start();
        System.out.println("LOG_DIR=" + broker.logDir());
        System.out.flush();
        System.exit(0);
    }
}
