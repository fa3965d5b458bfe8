package io.khabar.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * Kafka client settings shared by every command. Precedence, lowest first: the properties file given with
 * {@code --config}, environment variables {@code KHABAR_KAFKA_<KEY>} (dots as underscores, e.g.
 * {@code KHABAR_KAFKA_SASL_MECHANISM} for {@code sasl.mechanism}), then {@code --set key=value}. Everything
 * passes straight through to the Kafka clients, so SASL/SSL settings work as documented by Kafka.
 */
public final class KafkaOptions {

    /** Prefix of environment variables that become client properties. */
    public static final String ENV_PREFIX = "KHABAR_KAFKA_";

    @Option(
            names = {"-b", "--bootstrap-servers"},
            paramLabel = "HOST:PORT[,…]",
            description = "Kafka bootstrap servers.")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE", description = "Kafka/Streams client properties file.")
    Path configFile;

    @Option(
            names = "--set",
            paramLabel = "KEY=VALUE",
            description = "A client property; overrides --config and environment. Repeatable.")
    Map<String, String> settings = new LinkedHashMap<>();

    /** The --config file's properties, read once (null until first asked). */
    private Properties fileProperties;

    /** The client properties, merged in precedence order (bootstrap.servers not included). */
    public Properties clientProperties() {
        return clientProperties(System.getenv());
    }

    Properties clientProperties(Map<String, String> env) {
        Properties p = merged(env);
        p.remove("bootstrap.servers");
        return p;
    }

    /** File, then environment, then --set; the file is read once however often this is called. */
    private Properties merged(Map<String, String> env) {
        Properties p = new Properties();
        p.putAll(fileProperties());
        env.forEach((k, v) -> {
            if (k.startsWith(ENV_PREFIX) && k.length() > ENV_PREFIX.length()) {
                p.put(k.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), v);
            }
        });
        p.putAll(settings);
        return p;
    }

    private Properties fileProperties() {
        if (fileProperties == null) {
            Properties p = new Properties();
            if (configFile != null) {
                try (Reader r = Files.newBufferedReader(configFile, StandardCharsets.UTF_8)) {
                    p.load(r);
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read --config " + configFile + ": " + e.getMessage(), e);
                }
            }
            fileProperties = p;
        }
        return fileProperties;
    }

    /** {@code --bootstrap-servers}, else a bootstrap.servers found in the file/env/--set, else null. */
    public String bootstrapServersOrNull() {
        return bootstrapServersOrNull(System.getenv());
    }

    String bootstrapServersOrNull(Map<String, String> env) {
        return bootstrapServers != null ? bootstrapServers : merged(env).getProperty("bootstrap.servers");
    }

    /** Client properties including bootstrap.servers. */
    public Properties withBootstrap(String bootstrap) {
        Properties p = clientProperties();
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /** Property values safe to print, sorted: secrets (see {@link io.khabar.model.Redaction}) are masked. */
    public static Map<String, String> redacted(Properties p) {
        return io.khabar.model.Redaction.redacted(p);
    }

    /** Prints {@code key=value} lines of the settings, secrets masked, keys and values escaped. */
    public static void printConfig(Properties p, java.io.PrintStream out) {
        redacted(p)
                .forEach((k, v) -> out.println(
                        io.khabar.model.OutsideText.escape(k) + "=" + io.khabar.model.OutsideText.escape(v)));
    }
}
