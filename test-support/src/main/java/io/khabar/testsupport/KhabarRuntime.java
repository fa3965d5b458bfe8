package io.khabar.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Finds the class path of the child JVM: the jars of {@code khabar-test-runtime-VERSION-runtime.zip}, unpacked
 * once into {@code java.io.tmpdir/khabar-test-runtime/}. The zip is taken from the system property
 * {@value #PROPERTY} or the environment variable {@value #ENV} (a zip, or a folder holding {@code lib/*.jar}),
 * else from beside this jar in the Maven (or Gradle) repository it was resolved from.
 */
final class KhabarRuntime {

    /** System property naming the runtime zip or folder. */
    static final String PROPERTY = "khabar.test.runtime";
    /** Environment variable naming the runtime zip or folder. */
    static final String ENV = "KHABAR_TEST_RUNTIME";

    private static final String ARTIFACT = "khabar-test-runtime";

    private KhabarRuntime() {}

    /** The folder of jars to put on the child's class path. */
    static Path libFolder() {
        String named = System.getProperty(PROPERTY);
        if (named == null || named.isBlank()) {
            named = System.getenv(ENV);
        }
        Path source;
        if (named != null && !named.isBlank()) {
            source = Path.of(named);
            if (!Files.exists(source)) {
                throw new IllegalStateException(
                        "khabar-test-support: " + PROPERTY + "/" + ENV + " names " + source + ", which does not exist");
            }
        } else {
            source = besideThisJar();
        }
        try {
            if (Files.isDirectory(source)) {
                Path lib = source.resolve("lib");
                return Files.isDirectory(lib) ? lib : source;
            }
            return unpack(source);
        } catch (IOException e) {
            throw new UncheckedIOException("khabar-test-support: cannot unpack " + source + ": " + e.getMessage(), e);
        }
    }

    /** The zip in the repository this jar came from: Maven's layout, or Gradle's (one hash folder deeper). */
    private static Path besideThisJar() {
        Path jar = ownLocation();
        String hint = "; set -D" + PROPERTY + "=PATH (or " + ENV + ") to the " + ARTIFACT + "-VERSION-runtime.zip that"
                + " comes with this version of khabar-test-support (io.khabar:" + ARTIFACT + ":VERSION:zip:runtime)";
        if (jar == null || !Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    "khabar-test-support is not in a jar (" + jar + "), so its runtime zip cannot be found" + hint);
        }
        List<Path> tried = new ArrayList<>();
        Path dir = jar.getParent();
        for (int up = 0; up < 2 && dir != null && dir.getParent() != null; up++, dir = dir.getParent()) {
            // Maven: .../io/khabar/khabar-test-support/V/x.jar; Gradle: .../io.khabar/khabar-test-support/V/HASH/x.jar
            String version = dir.getFileName().toString();
            Path artifactDir = dir.getParent().getParent();
            if (artifactDir == null) {
                break;
            }
            Path candidates = artifactDir.resolve(ARTIFACT).resolve(version);
            Path zip = findZip(candidates, version);
            if (zip != null) {
                return zip;
            }
            tried.add(candidates);
        }
        throw new IllegalStateException("khabar-test-support: no " + ARTIFACT + " runtime zip beside " + jar
                + " (looked in " + tried + ")" + hint);
    }

    private static Path findZip(Path dir, String version) {
        String name = ARTIFACT + "-" + version + "-runtime.zip";
        if (Files.isRegularFile(dir.resolve(name))) {
            return dir.resolve(name);
        }
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> hashes = Files.newDirectoryStream(dir, Files::isDirectory)) {
                for (Path h : hashes) {
                    if (Files.isRegularFile(h.resolve(name))) {
                        return h.resolve(name);
                    }
                }
            } catch (IOException e) {
                return null;
            }
        }
        return null;
    }

    private static Path ownLocation() {
        CodeSource cs = KhabarRuntime.class.getProtectionDomain().getCodeSource();
        if (cs == null || cs.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(cs.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Unpacks the zip's jars once per zip (its size and time); concurrent test JVMs share the result. */
    private static Path unpack(Path zip) throws IOException {
        Path cache = Path.of(System.getProperty("java.io.tmpdir"), ARTIFACT);
        Files.createDirectories(cache);
        String stamp = zip.getFileName().toString().replaceAll("\\.zip$", "") + "-" + Files.size(zip) + "-"
                + Files.getLastModifiedTime(zip).toMillis();
        Path done = cache.resolve(stamp);
        if (Files.isRegularFile(done.resolve(".complete"))) {
            Files.setLastModifiedTime(
                    done.resolve(".complete"), java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis()));
            return done.resolve("lib");
        }
        Path work = Files.createTempDirectory(cache, stamp + ".tmp-");
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                Path target = work.resolve(e.getName()).normalize();
                if (!target.startsWith(work.resolve("lib")) || e.isDirectory()) {
                    continue; // only lib/*.jar, and never outside the folder
                }
                Files.createDirectories(target.getParent());
                Files.copy(z, target, StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createFile(work.resolve(".complete"));
            try {
                Files.move(work, done, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException
                    | AtomicMoveNotSupportedException
                    | java.nio.file.DirectoryNotEmptyException e) {
                // another test JVM unpacked it first: use theirs
            }
        } finally {
            deleteQuietly(work);
        }
        if (!Files.isRegularFile(done.resolve(".complete"))) {
            throw new IOException("unpacking did not complete in " + done);
        }
        removeStale(cache, done);
        return done.resolve("lib");
    }

    /** Each build of the zip unpacks anew (about 140 MB): remove the copies not used for a day. */
    private static void removeStale(Path cache, Path keep) {
        long dayAgo = System.currentTimeMillis() - 24L * 3600 * 1000;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(cache, Files::isDirectory)) {
            for (Path d : dirs) {
                Path marker = d.resolve(".complete");
                if (!d.equals(keep)
                        && Files.isRegularFile(marker)
                        && Files.getLastModifiedTime(marker).toMillis() < dayAgo) {
                    deleteQuietly(d);
                }
            }
        } catch (IOException e) {
            // a cache: try again next time
        }
    }

    static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // temporary files only
        }
    }
}
