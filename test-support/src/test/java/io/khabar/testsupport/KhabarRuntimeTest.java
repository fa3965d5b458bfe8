package io.khabar.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the test kit finds the child JVM's class path (the system property; the repository case runs in the example). */
class KhabarRuntimeTest {

    @TempDir
    Path dir;

    private final String before = System.getProperty(KhabarRuntime.PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(KhabarRuntime.PROPERTY);
        } else {
            System.setProperty(KhabarRuntime.PROPERTY, before);
        }
    }

    @Test
    void shouldNameThePropertyAndThePathWhenTheRuntimeIsMissing() {
        System.setProperty(KhabarRuntime.PROPERTY, dir.resolve("nothing.zip").toString());
        assertThatThrownBy(KhabarRuntime::libFolder)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(KhabarRuntime.PROPERTY)
                .hasMessageContaining("nothing.zip")
                .hasMessageContaining("does not exist");
    }

    @Test
    void shouldTakeTheLibFolderOfAFolder() throws IOException {
        Files.createDirectories(dir.resolve("lib"));
        System.setProperty(KhabarRuntime.PROPERTY, dir.toString());
        assertThat(KhabarRuntime.libFolder()).isEqualTo(dir.resolve("lib"));
    }

    @Test
    void shouldUnpackOnlyTheJarsUnderLibAndReuseTheCopy() throws IOException {
        Path zip = dir.resolve("khabar-test-runtime-" + System.nanoTime() + "-runtime.zip");
        try (OutputStream out = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("lib/a.jar"));
            z.write("jar a".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("lib/../../escape.jar"));
            z.write("outside".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("README"));
            z.write("not a jar".getBytes(StandardCharsets.UTF_8));
        }
        System.setProperty(KhabarRuntime.PROPERTY, zip.toString());

        Path lib = KhabarRuntime.libFolder();
        try {
            assertThat(lib.resolve("a.jar")).hasContent("jar a");
            try (var files = Files.list(lib.getParent())) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("lib", ".complete");
            }
            assertThat(lib.getParent().getParent().getParent().resolve("escape.jar"))
                    .doesNotExist();
            assertThat(KhabarRuntime.libFolder()).as("unpacked once").isEqualTo(lib);
        } finally {
            KhabarRuntime.deleteQuietly(lib.getParent());
        }
    }
}
