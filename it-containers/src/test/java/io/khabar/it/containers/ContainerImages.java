package io.khabar.it.containers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.testcontainers.images.builder.ImageFromDockerfile;
import org.testcontainers.utility.DockerImageName;

/**
 * Which images the container tests use, chosen by configuration: a system property ({@code -Dkhabar.it.…}) or
 * else the environment variable next to it. The defaults are the official public images, for machines with a
 * registry; {@code .ci/run} points them at images built from the local base where there is none.
 *
 * <ul>
 *   <li>{@code khabar.it.image} / {@code KHABAR_IT_IMAGE}: a ready khabar image; unset, the tests build one from
 *       the repository's {@code Containerfile} (needs {@code cli/target/khabar-cli.jar} and {@code cli/target/lib}).</li>
 *   <li>{@code khabar.it.base-image} / {@code KHABAR_IT_BASE_IMAGE}: {@code BASE_IMAGE} of that build
 *       (default {@code eclipse-temurin:17-jre}).</li>
 *   <li>{@code khabar.it.kafka-image} / {@code KHABAR_IT_KAFKA_IMAGE}: the broker: an {@code apache/kafka} image
 *       (default: the Kafka version khabar builds on), or {@code khabar} for the khabar image's broker mode.</li>
 *   <li>{@code khabar.it.postgres-image} / {@code KHABAR_IT_POSTGRES_IMAGE}: PostgreSQL (default {@code postgres:17});
 *       any image that behaves like the official one, e.g. {@code localhost/khabar-postgres:15}.</li>
 * </ul>
 */
public final class ContainerImages {

    /** Value of the kafka-image setting that selects the khabar image's {@code broker} mode. */
    public static final String KHABAR_BROKER = "khabar";

    private static volatile String builtKhabarImage;

    private ContainerImages() {}

    /** The setting named {@code key}: system property {@code khabar.it.KEY}, else env {@code KHABAR_IT_KEY}, else the default. */
    static String setting(String key, String defaultValue) {
        String value = System.getProperty("khabar.it." + key);
        if (value == null || value.isBlank()) {
            value = System.getenv("KHABAR_IT_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    /** The repository root (the build passes it; else the parent of the working directory). */
    static Path repoDir() {
        String dir = System.getProperty("khabar.repo.dir");
        return (dir != null ? Path.of(dir) : Path.of("..")).toAbsolutePath().normalize();
    }

    /** The broker image setting: an apache/kafka image name or {@link #KHABAR_BROKER}. */
    public static String kafkaImage() {
        return setting("kafka-image", System.getProperty("khabar.it.default-kafka-image", "apache/kafka:4.1.1"));
    }

    /** The PostgreSQL image, declared a substitute for the official one. */
    public static DockerImageName postgresImage() {
        return DockerImageName.parse(setting("postgres-image", "postgres:17")).asCompatibleSubstituteFor("postgres");
    }

    /**
     * The khabar image: the configured one, or one built once per JVM from the repository's Containerfile. The
     * build is kept (tagged {@code localhost/khabar:it}), so a second run reuses the engine's layer cache.
     */
    public static synchronized String khabarImage() {
        String configured = setting("image", null);
        if (configured != null) {
            return configured;
        }
        if (builtKhabarImage == null) {
            Path repo = repoDir();
            Path jar = repo.resolve("cli/target/khabar-cli.jar");
            Path lib = repo.resolve("cli/target/lib");
            if (!Files.isRegularFile(jar) || !Files.isDirectory(lib)) {
                throw new IllegalStateException("no khabar image configured and " + jar + " is missing: run "
                        + "'mvn -B -DskipTests -pl cli -am package' first (or set -Dkhabar.it.image=NAME)");
            }
            ImageFromDockerfile image = new ImageFromDockerfile("localhost/khabar:it", false)
                    .withFileFromPath("Containerfile", repo.resolve("Containerfile"))
                    .withFileFromPath("cli/target/khabar-cli.jar", jar)
                    .withFileFromPath("cli/target/lib", lib)
                    .withFileFromPath("containers/khabar", repo.resolve("containers/khabar"))
                    .withDockerfile(repo.resolve("Containerfile"))
                    .withBuildArg("BASE_IMAGE", setting("base-image", "eclipse-temurin:17-jre"));
            builtKhabarImage = image.get();
        }
        return builtKhabarImage;
    }
}
