package io.khabar.it.containers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.khabar.cli.InstanceDir;
import io.khabar.cli.KafkaOptions;
import io.khabar.cli.Khabar;
import io.khabar.cli.SinkCommand;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml (and the override for registry-less machines) checked against the code without any
 * container engine: services, images, health checks, restart policies, ports and listeners, and every khabar
 * command and environment variable in it parsed or looked up by the code that will read it.
 */
class ComposeFileTest {

    private static final Pattern VAR = Pattern.compile("\\$\\{([A-Z0-9_]+):-([^}]*)}");

    private static Map<String, Object> root;
    private static Map<String, Map<String, Object>> services;
    private static Map<String, Map<String, Object>> localServices;

    @BeforeAll
    static void load() throws IOException {
        services = servicesOf(ContainerImages.repoDir().resolve("docker-compose.yml"));
        try (Reader r = Files.newBufferedReader(
                ContainerImages.repoDir().resolve("docker-compose.yml"), StandardCharsets.UTF_8)) {
            root = new Yaml().load(r);
        }
        localServices = servicesOf(ContainerImages.repoDir().resolve("containers/compose.local.yml"));
    }

    @Test
    void shouldDefineTheBrokerTheDatabaseAndTheThreeStages() {
        assertThat(services).containsOnlyKeys("kafka", "postgres", "enrich", "sink", "ingest");
        assertThat(image("kafka")).startsWith("apache/kafka:");
        assertThat(image("postgres")).startsWith("postgres:");
        for (String stage : List.of("enrich", "sink", "ingest")) {
            assertThat(image(stage)).as(stage).isEqualTo("khabar:latest");
        }
        services.forEach((name, service) -> {
            assertThat(service).as(name).containsKeys("restart", "healthcheck");
            assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
        });
    }

    @Test
    void shouldUseTheOfficialKafkaImageAtTheVersionOfTheKafkaClients() {
        String clients = System.getProperty("khabar.kafka.version");
        assertThat(clients).as("khabar.kafka.version (set by the build)").isNotBlank();
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + clients);
    }

    @Test
    void shouldBuildTheKhabarImageFromTheContainerfileWithItsDefaultBase() throws IOException {
        String containerfile =
                Files.readString(ContainerImages.repoDir().resolve("Containerfile"), StandardCharsets.UTF_8);
        Matcher arg = Pattern.compile("(?m)^ARG BASE_IMAGE=(\\S+)").matcher(containerfile);
        assertThat(arg.find()).isTrue();
        for (String stage : List.of("enrich", "sink", "ingest")) {
            Map<String, Object> build = map(services.get(stage).get("build"));
            assertThat(build.get("dockerfile")).isEqualTo("Containerfile");
            assertThat(ContainerImages.repoDir()
                            .resolve(String.valueOf(build.get("context")))
                            .resolve("Containerfile"))
                    .exists();
            assertThat(defaultOf(String.valueOf(map(build.get("args")).get("BASE_IMAGE"))))
                    .isEqualTo(arg.group(1));
        }
    }

    @Test
    void shouldRunCommandsTheLauncherAccepts() {
        for (Map<String, Map<String, Object>> file : List.of(services, localServices)) {
            List<String> checked = new ArrayList<>();
            file.forEach((name, service) -> {
                if (service.containsKey("command") && isKhabar(file, name)) {
                    List<String> args = strings(service.get("command"));
                    assertThatCode(() -> Khabar.commandLine().parseArgs(args.toArray(String[]::new)))
                            .as("%s: khabar %s", name, args)
                            .doesNotThrowAnyException();
                    checked.add(name);
                }
            });
            assertThat(checked)
                    .as("services whose khabar command was checked (none would check nothing)")
                    .isNotEmpty();
        }
        assertThat(services.keySet().stream()
                        .filter(n -> services.get(n).containsKey("command") && isKhabar(services, n)))
                .containsExactlyInAnyOrder("enrich", "sink", "ingest");
    }

    @Test
    void shouldPassOnlyEnvironmentVariablesTheCodeReads() throws IOException {
        String entrypoint =
                Files.readString(ContainerImages.repoDir().resolve("containers/khabar/khabar"), StandardCharsets.UTF_8);
        for (String stage : List.of("enrich", "sink", "ingest")) {
            Map<String, Object> env = map(services.get(stage).get("environment"));
            assertThat(env).as(stage).containsKey(KafkaOptions.ENV_PREFIX + "BOOTSTRAP_SERVERS");
            for (String key : env.keySet()) {
                boolean known = key.startsWith(KafkaOptions.ENV_PREFIX)
                        || key.equals(SinkCommand.JdbcCredentials.USER_ENV)
                        || key.equals(SinkCommand.JdbcCredentials.PASSWORD_ENV)
                        || key.equals(SinkCommand.JdbcCredentials.PASSWORD_FILE_ENV)
                        || key.equals(SinkCommand.JdbcCredentials.USER_FILE_ENV)
                        || key.equals(InstanceDir.DATA_DIR_ENV)
                        || (key.equals("KHABAR_JAVA_OPTS") && entrypoint.contains("KHABAR_JAVA_OPTS"));
                assertThat(known).as("%s: %s is read by khabar", stage, key).isTrue();
            }
        }
        Map<String, Object> sinkEnv = map(services.get("sink").get("environment"));
        Map<String, Object> pgEnv = map(services.get("postgres").get("environment"));
        assertThat(sinkEnv.get(SinkCommand.JdbcCredentials.USER_ENV)).isEqualTo(pgEnv.get("POSTGRES_USER"));
        // the password is a compose secret, read from a file by both; never a plain variable
        assertThat(sinkEnv).doesNotContainKey(SinkCommand.JdbcCredentials.PASSWORD_ENV);
        assertThat(pgEnv).doesNotContainKey("POSTGRES_PASSWORD");
        assertThat(sinkEnv.get(SinkCommand.JdbcCredentials.PASSWORD_FILE_ENV))
                .isEqualTo(pgEnv.get("POSTGRES_PASSWORD_FILE"))
                .isEqualTo("/run/secrets/db_password");
        assertThat(strings(services.get("sink").get("secrets"))).containsExactly("db_password");
        assertThat(strings(services.get("postgres").get("secrets"))).containsExactly("db_password");
        String secretFile = defaultOf(
                String.valueOf(map(map(root.get("secrets")).get("db_password")).get("file")));
        assertThat(ContainerImages.repoDir().resolve(secretFile))
                .as("the development default secret")
                .isRegularFile();
        assertThat(strings(services.get("sink").get("command")))
                .contains("jdbc:postgresql://postgres:5432/" + pgEnv.get("POSTGRES_DB"));
    }

    @Test
    void shouldAdvertiseTheBrokerToContainersAndToTheHost() {
        Map<String, Object> kafkaEnv = map(services.get("kafka").get("environment"));
        String bootstrap = String.valueOf(
                map(services.get("enrich").get("environment")).get(KafkaOptions.ENV_PREFIX + "BOOTSTRAP_SERVERS"));
        String advertised = String.valueOf(kafkaEnv.get("KAFKA_ADVERTISED_LISTENERS"));
        assertThat(advertised)
                .contains("://" + bootstrap)
                .contains("HOST://${KHABAR_KAFKA_HOST_ADDRESS:-127.0.0.1:9092}");
        assertThat(strings(services.get("kafka").get("ports"))).containsExactly("${KHABAR_BIND:-127.0.0.1}:9092:9092");
        assertThat(String.valueOf(kafkaEnv.get("KAFKA_LISTENERS")))
                .contains(":9092")
                .contains(":" + bootstrap.split(":")[1]);

        // the local broker (khabar broker) offers the same two addresses
        List<String> broker = strings(localServices.get("kafka").get("command"));
        assertThat(String.join(" ", broker))
                .contains("--port " + bootstrap.split(":")[1])
                .contains("--advertised-host " + bootstrap.split(":")[0])
                .contains("--external-port 9092")
                .contains("--external-address 127.0.0.1:9092");
    }

    @Test
    void shouldPublishPortsOnLoopbackOnlyAndNoneForTheScalableStages() {
        List<String> published = new ArrayList<>();
        services.forEach((name, service) -> {
            if (service.containsKey("ports")) {
                for (String port : strings(service.get("ports"))) {
                    assertThat(port).as(name).startsWith("${KHABAR_BIND:-127.0.0.1}:");
                    published.add(name);
                }
            }
        });
        assertThat(published).containsExactlyInAnyOrder("kafka", "postgres");
        // --scale enrich=N: no fixed host port, and a volume whose instance directories the replicas share out
        assertThat(services.get("enrich")).doesNotContainKey("ports").doesNotContainKey("container_name");
        assertThat(map(services.get("enrich").get("environment")).get(InstanceDir.DATA_DIR_ENV))
                .isEqualTo("/data");
        assertThat(strings(services.get("enrich").get("volumes"))).containsExactly("enrich-state:/data");
    }

    @Test
    void shouldLimitMemoryRotateLogsAndPinImages() {
        List<String> checked = new ArrayList<>();
        services.forEach((name, service) -> {
            assertThat(String.valueOf(service.get("mem_limit")))
                    .as(name + " mem_limit")
                    .matches("\\d+[mg]");
            Map<String, Object> logging = map(service.get("logging"));
            assertThat(map(logging.get("options"))).as(name + " log rotation").containsKeys("max-size", "max-file");
            String image = image(name);
            if (!image.startsWith("khabar:")) {
                assertThat(image).as(name + " image pinned to a version").matches("[a-z/]+:\\d+\\.\\d+(\\.\\d+)?.*");
            }
            checked.add(name);
        });
        assertThat(checked).hasSize(5);
        String javaOpts =
                String.valueOf(map(services.get("enrich").get("environment")).get("KHABAR_JAVA_OPTS"));
        assertThat(javaOpts).contains("-XX:+ExitOnOutOfMemoryError").containsPattern("MaxRAMPercentage=[1-6]\\d\\b");
        assertThat(String.valueOf(map(services.get("kafka").get("environment")).get("KAFKA_HEAP_OPTS")))
                .contains("-XX:+ExitOnOutOfMemoryError")
                .contains("-Xmx512m");
        assertThat(String.valueOf(services.get("kafka").get("mem_limit"))).isEqualTo("1g");
    }

    @Test
    void shouldAskEachKhabarProcessItsOwnHealthAndCheckTheBrokerWithoutAJvm() {
        for (String stage : List.of("enrich", "sink", "ingest")) {
            List<String> command = strings(services.get(stage).get("command"));
            String flag = stage.equals("enrich") ? "--metrics-port" : "--health-port";
            String port = command.get(command.indexOf(flag) + 1);
            assertThat(command.get(command.indexOf(stage.equals("enrich") ? "--metrics-host" : "--health-host") + 1))
                    .as(stage + " answers outside its own loopback, for the engine's check")
                    .isEqualTo("0.0.0.0");
            assertThat(strings(map(services.get(stage).get("healthcheck")).get("test")))
                    .as(stage)
                    .containsExactly("CMD", "khabar-health", "http", port, "/health/ready");
        }
        String kafkaCheck =
                String.valueOf(map(services.get("kafka").get("healthcheck")).get("test"));
        assertThat(kafkaCheck).doesNotContain("kafka-").doesNotContain("java").contains("/dev/tcp/127.0.0.1/29092");
    }

    @Test
    void shouldCheckEnrichHealthOnItsMetricsPort() {
        List<String> command = strings(services.get("enrich").get("command"));
        String port = command.get(command.indexOf("--metrics-port") + 1);
        assertThat(strings(map(services.get("enrich").get("healthcheck")).get("test")))
                .containsExactly("CMD", "khabar-health", "http", port, "/health/ready");
        assertThat(ContainerImages.repoDir().resolve("containers/khabar/khabar-health"))
                .isExecutable();
    }

    @Test
    void shouldReplaceOnlyImagesAndTheBrokerCommandForMachinesWithoutARegistry() {
        assertThat(services.keySet()).containsAll(localServices.keySet());
        assertThat(String.valueOf(localServices.get("postgres").get("image"))).startsWith("localhost/");
        for (String stage : List.of("kafka", "enrich", "sink", "ingest")) {
            assertThat(String.valueOf(localServices.get(stage).get("image"))).isEqualTo("localhost/khabar:latest");
        }
    }

    private static boolean isKhabar(Map<String, Map<String, Object>> file, String name) {
        Object image = file.get(name).get("image");
        return image == null
                || String.valueOf(image).contains("khabar:")
                || List.of("enrich", "sink", "ingest").contains(name);
    }

    private static String image(String service) {
        return defaultOf(String.valueOf(services.get(service).get("image")));
    }

    /** {@code ${VAR:-default}} → default; anything else as is. */
    private static String defaultOf(String value) {
        Matcher m = VAR.matcher(value);
        return m.matches() ? m.group(2) : value;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> servicesOf(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Map<String, Object> root = new Yaml().load(r);
            return (Map<String, Map<String, Object>>) root.get("services");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    private static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        for (Object x : (List<?>) o) {
            out.add(String.valueOf(x));
        }
        return out;
    }
}
