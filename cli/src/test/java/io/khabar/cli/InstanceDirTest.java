package io.khabar.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceDirTest {

    @TempDir
    Path data;

    @Test
    void shouldGiveEachRunningInstanceItsOwnDirectoryAndTheSameOneAfterARestart() throws Exception {
        String id1;
        try (InstanceDir first = InstanceDir.acquire(data, "enrich", "khabar-enrich");
                InstanceDir second = InstanceDir.acquire(data, "enrich", "khabar-enrich")) {
            assertThat(first.number()).isEqualTo(1);
            assertThat(second.number()).isEqualTo(2);
            assertThat(first.dir()).isEqualTo(data.resolve("enrich/khabar-enrich/instance-1"));
            assertThat(first.instanceId())
                    .isNotEqualTo(second.instanceId())
                    .startsWith("khabar-enrich-")
                    .endsWith("-1");
            id1 = first.instanceId();
        }
        try (InstanceDir again = InstanceDir.acquire(data, "enrich", "khabar-enrich")) {
            assertThat(again.number()).isEqualTo(1);
            assertThat(again.instanceId()).as("stable across restarts").isEqualTo(id1);
        }
    }

    @Test
    void shouldKeepGroupsAndStagesApart() {
        try (InstanceDir enrich = InstanceDir.acquire(data, "enrich", "a");
                InstanceDir other = InstanceDir.acquire(data, "enrich", "b");
                InstanceDir sink = InstanceDir.acquire(data, "sink", "a")) {
            assertThat(other.number()).isEqualTo(1);
            assertThat(sink.number()).isEqualTo(1);
            assertThat(sink.dir()).isNotEqualTo(enrich.dir());
        }
    }

    @Test
    void shouldEmptyTheNativeLibraryFolderAtEachStart() throws Exception {
        // the three settings are JVM-wide: put them back, or a later test in this JVM that first loads zstd or snappy
        // unpacks it into this test's deleted folder ("Cannot unpack libzstd-jni")
        String[] keys = {"java.io.tmpdir", "org.xerial.snappy.tempdir", "ZstdTempFolder"};
        Map<String, String> before = new java.util.HashMap<>();
        for (String k : keys) {
            before.put(k, System.getProperty(k));
        }
        try (InstanceDir d = InstanceDir.acquire(data, "sink", "g")) {
            Path tmp = d.useForNativeLibraries();
            Files.writeString(tmp.resolve("librocksdbjni123.so"), "old copy");
            assertThat(d.useForNativeLibraries()).isEmptyDirectory();
            assertThat(System.getProperty("java.io.tmpdir")).isEqualTo(tmp.toString());
            assertThat(System.getProperty("ZstdTempFolder")).isEqualTo(tmp.toString());
        } finally {
            for (String k : keys) {
                if (before.get(k) == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, before.get(k));
                }
            }
        }
    }

    @Test
    void shouldFindTheDataDirectoryFromOptionThenEnvironmentThenXdg() {
        assertThat(InstanceDir.dataDir(Path.of("/x"), Map.of(InstanceDir.DATA_DIR_ENV, "/y")))
                .isEqualTo(Path.of("/x"));
        assertThat(InstanceDir.dataDir(null, Map.of(InstanceDir.DATA_DIR_ENV, "/y", "XDG_DATA_HOME", "/z")))
                .isEqualTo(Path.of("/y"));
        assertThat(InstanceDir.dataDir(null, Map.of("XDG_DATA_HOME", "/z"))).isEqualTo(Path.of("/z/khabar"));
        assertThat(InstanceDir.dataDir(null, Map.of()))
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local", "share", "khabar"));
    }
}
