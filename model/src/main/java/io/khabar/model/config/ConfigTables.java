package io.khabar.model.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;

/**
 * Markdown tables generated from a Kafka {@link ConfigDef}, so the settings tables in docs/ cannot drift from the
 * code (Kafka does the same with {@code ConfigDef.toEnrichedRst()}). A table sits in a doc between the two marker
 * comments {@code <!-- NAME:begin -->} and {@code <!-- NAME:end -->}; {@link #replaceSection} rewrites it.
 */
public final class ConfigTables {

    private ConfigTables() {}

    /** One row per key, in group order and then in order within the group: key, type, default, valid values, importance, doc. */
    public static String markdown(ConfigDef def) {
        List<String> groups = def.groups();
        StringBuilder out = new StringBuilder();
        out.append("| key | group | type | default | valid values | importance | meaning |\n");
        out.append("| --- | --- | --- | --- | --- | --- | --- |\n");
        def.configKeys().values().stream()
                .sorted(Comparator.<ConfigKey>comparingInt(k -> groupIndex(groups, k.group))
                        .thenComparingInt(k -> k.orderInGroup)
                        .thenComparing(k -> k.name))
                .forEach(k -> out.append("| `")
                        .append(k.name)
                        .append("` | ")
                        .append(cell(k.group == null ? "" : k.group))
                        .append(" | ")
                        .append(k.type.name().toLowerCase(java.util.Locale.ROOT))
                        .append(" | ")
                        .append(defaultOf(k))
                        .append(" | ")
                        .append(k.validator == null ? "" : cell(k.validator.toString()))
                        .append(" | ")
                        .append(k.importance.name().toLowerCase(java.util.Locale.ROOT))
                        .append(" | ")
                        .append(cell(k.documentation))
                        .append(" |\n"));
        return out.toString();
    }

    private static int groupIndex(List<String> groups, String group) {
        int i = group == null ? -1 : groups.indexOf(group);
        return i < 0 ? Integer.MAX_VALUE : i;
    }

    private static String defaultOf(ConfigKey k) {
        if (!k.hasDefault()) {
            return "required";
        }
        if (k.defaultValue == null) {
            return "(none)";
        }
        if (k.type == ConfigDef.Type.PASSWORD) {
            return "[hidden]";
        }
        String s = ConfigDef.convertToString(k.defaultValue, k.type);
        return s == null || s.isEmpty() ? "\"\"" : "`" + s + "`";
    }

    private static String cell(String text) {
        return Objects.requireNonNullElse(text, "").replace("|", "\\|").replace("\n", " ");
    }

    /** The begin marker of section {@code name}. */
    public static String begin(String name) {
        return "<!-- " + name + ":begin (generated from the ConfigDef; do not edit by hand) -->";
    }

    /** The end marker of section {@code name}. */
    public static String end(String name) {
        return "<!-- " + name + ":end -->";
    }

    /** The text between the markers of section {@code name} in {@code doc}; throws if the markers are missing. */
    public static String section(String doc, String name) {
        int b = doc.indexOf(begin(name));
        int e = doc.indexOf(end(name));
        if (b < 0 || e < b) {
            throw new IllegalArgumentException(
                    "no section " + name + ": expected the lines " + begin(name) + " and " + end(name));
        }
        return doc.substring(b + begin(name).length() + 1, e);
    }

    /** {@code doc} with section {@code name} replaced by {@code body}. */
    public static String replaceSection(String doc, String name, String body) {
        String old = section(doc, name);
        int b = doc.indexOf(begin(name)) + begin(name).length() + 1;
        return doc.substring(0, b) + body + doc.substring(b + old.length());
    }

    /**
     * Checks that section {@code name} of the markdown file {@code doc} is {@code expected}; with the system property
     * {@code khabar.docs.update=true} rewrites it instead. Returns an empty map when they match, else the one
     * mismatch (file to message), for a test to fail with.
     */
    public static Map<Path, String> check(Path doc, String name, String expected) throws IOException {
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        if (section(text, name).equals(expected)) {
            return Map.of();
        }
        if (Boolean.getBoolean("khabar.docs.update")) {
            Files.writeString(doc, replaceSection(text, name, expected), StandardCharsets.UTF_8);
            return Map.of();
        }
        return Map.of(
                doc,
                "the " + name + " table in " + doc + " does not match the ConfigDef; regenerate it with"
                        + " -Dkhabar.docs.update=true (one test run) and commit the result. Expected:\n" + expected);
    }

    /** The file {@code relative} (e.g. {@code docs/sink.md}) in the nearest directory at or above the working directory that has it. */
    public static Path findUp(String relative) {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            Path p = d.resolve(relative);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException(
                "no " + relative + " at or above " + Path.of("").toAbsolutePath());
    }
}
