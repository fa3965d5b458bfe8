package io.khabar.kafka.embedded;

/**
 * Child-JVM program for {@link EmbeddedKafkaBrokerIT}: tries to start a broker on the port given (which the test
 * holds), prints {@code FAILED=<message>} and exits 0 when the start fails as it should, exits 1 if it started.
 */
public final class StartOnTakenPort {

    private StartOnTakenPort() {}

    /** Entry point: the port. */
    public static void main(String[] args) {
        try (EmbeddedKafkaBroker broker =
                EmbeddedKafkaBroker.builder().port(Integer.parseInt(args[0])).start()) {
            System.out.println("STARTED on a taken port: " + broker.bootstrapServers());
            System.out.flush();
            System.exit(1);
        } catch (IllegalStateException e) {
            System.out.println("FAILED=" + e.getMessage());
            System.out.flush();
            System.exit(0);
        }
    }
}
