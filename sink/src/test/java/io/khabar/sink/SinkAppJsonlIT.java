package io.khabar.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.khabar.model.EnrichedArticle;
import io.khabar.model.RecordSchemas;
import io.khabar.sink.jsonl.JsonLineBinder;
import io.khabar.sink.jsonl.JsonlTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;

/** The sink's contract ({@link SinkContractIT}) with the JSONL target: files in a fresh directory per test. */
class SinkAppJsonlIT extends SinkContractIT {

    @TempDir
    Path dir;

    @Override
    protected SinkConfig.Builder withTarget(SinkConfig.Builder builder) {
        return builder.jsonl(dir);
    }

    @Override
    protected SinkTarget newTarget() {
        return new JsonlTarget(dir, 1 << 20, Duration.ofHours(1));
    }

    /** Every line of every data file, each checked against the enriched record's JSON Schema. */
    @Override
    protected List<EnrichedArticle> stored() throws IOException {
        List<EnrichedArticle> result = new ArrayList<>();
        List<Path> files = JsonlTarget.dataFiles(dir);
        assertThat(files).allMatch(p -> p.toString().endsWith(".jsonl"));
        for (Path p : files) {
            for (String line : Files.readAllLines(p, StandardCharsets.UTF_8)) {
                RecordSchemas.assertValidEnriched(line.getBytes(StandardCharsets.UTF_8)); // every line the sink wrote
                result.add(JsonLineBinder.parse(line));
            }
        }
        return result;
    }
}
