package org.agenticdeals.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where an embedded server keeps its data. A test server's data is thrown away at the end, so memory
 * ({@code /dev/shm}) is the best place: creating a database copies a few hundred files, which on some
 * machines' disks costs 300 ms and in memory 7 ms. Falls back to {@code java.io.tmpdir} when there is no usable
 * {@code /dev/shm}.
 */
final class DataDirectories {

    private static final Logger log = LoggerFactory.getLogger(DataDirectories.class);
    private static final Path SHARED_MEMORY = Path.of("/dev/shm");
    private static final long MIN_FREE_BYTES = 4L * 1024 * 1024 * 1024;
    private static final String PREFIX = "deals-pg-";

    private DataDirectories() {
    }

    /**
     * A fresh data directory (not created yet) under {@code parent} if given, else under {@code /dev/shm} if usable,
     * else under {@code java.io.tmpdir}.
     */
    static Path choose(Optional<Path> parent) {
        Path base = parent.orElseGet(() -> usableSharedMemory() ? SHARED_MEMORY : Path.of(System.getProperty("java.io.tmpdir")));
        removeStale(base);
        return base.resolve(PREFIX + UUID.randomUUID());
    }

    /** Deletes {@code directory} and everything in it, if it exists; logs instead of failing. */
    static void delete(Path directory) {
        if (Files.exists(directory)) {
            deleteQuietly(directory);
        }
    }

    private static boolean usableSharedMemory() {
        try {
            return Files.isDirectory(SHARED_MEMORY) && Files.isWritable(SHARED_MEMORY)
                    && Files.getFileStore(SHARED_MEMORY).getUsableSpace() >= MIN_FREE_BYTES;
        } catch (IOException unusable) {
            return false;
        }
    }

    /** Data directories of embedded servers whose postmaster is gone (the JVM was killed) are deleted. */
    private static void removeStale(Path parent) {
        try (Stream<Path> entries = Files.list(parent)) {
            entries.filter(entry -> entry.getFileName().toString().startsWith(PREFIX))
                    .filter(DataDirectories::abandoned)
                    .forEach(directory -> {
                        deleteQuietly(directory);
                        log.info("removed the stale embedded PostgreSQL data directory {}", directory);
                    });
        } catch (IOException | UncheckedIOException unreadable) {
            log.debug("could not look for stale data directories in {}: {}", parent, unreadable.getMessage());
        }
    }

    private static boolean abandoned(Path directory) {
        Path pidFile = directory.resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                // Being initialised right now, or left without a server: only the old ones are abandoned.
                return Files.getLastModifiedTime(directory).toMillis() < System.currentTimeMillis() - 3_600_000;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            return ProcessHandle.of(pid).isEmpty();
        } catch (IOException | RuntimeException unreadable) {
            return false;
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            log.debug("removed the embedded PostgreSQL data directory {}", directory);
        } catch (IOException | UncheckedIOException failed) {
            log.debug("could not remove {}: {}", directory, failed.getMessage());
        }
    }
}
