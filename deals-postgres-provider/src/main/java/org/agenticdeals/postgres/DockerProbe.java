package org.agenticdeals.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks a Docker engine for {@code GET /_ping} before Testcontainers is touched: with no engine on the
 * machine the answer takes a file-existence check, not Testcontainers' multi-second strategy search.
 */
final class DockerProbe {

    /** What the probe found: the endpoint that answered, or why none did. */
    record Result(boolean answered, String detail) {
    }

    private DockerProbe() {
    }

    static Result probe(Duration timeout) {
        return probe(timeout, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static Result probe(Duration timeout, Map<String, String> environment, Path home) {
        List<String> endpoints = candidateEndpoints(environment, home);
        if (endpoints.isEmpty()) {
            return new Result(false, "no Docker engine socket found (DOCKER_HOST unset, no /var/run/docker.sock)");
        }
        var failures = new ArrayList<String>();
        for (String endpoint : endpoints) {
            try {
                CompletableFuture<Boolean> ping = CompletableFuture.supplyAsync(() -> ping(endpoint), DockerProbe::runOnDaemonThread);
                if (ping.get(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    return new Result(true, endpoint);
                }
                failures.add(endpoint + " did not answer _ping with 200");
            } catch (TimeoutException slow) {
                failures.add(endpoint + " gave no answer within " + timeout.toMillis() + " ms");
            } catch (ExecutionException failed) {
                failures.add(endpoint + ": " + failed.getCause().getMessage());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return new Result(false, "interrupted while probing " + endpoint);
            }
        }
        return new Result(false, String.join("; ", failures));
    }

    private static void runOnDaemonThread(Runnable task) {
        var thread = new Thread(task, "deals-docker-probe");
        thread.setDaemon(true);
        thread.start();
    }

    static List<String> candidateEndpoints(Map<String, String> environment, Path home) {
        Set<String> endpoints = new LinkedHashSet<>();
        Optional.ofNullable(environment.get("DOCKER_HOST")).filter(host -> !host.isBlank()).ifPresent(endpoints::add);
        testcontainersProperty(home).ifPresent(endpoints::add);
        var sockets = new ArrayList<Path>();
        sockets.add(Path.of("/var/run/docker.sock"));
        sockets.add(home.resolve(".docker/run/docker.sock"));
        sockets.add(home.resolve(".docker/desktop/docker.sock"));
        sockets.add(home.resolve(".colima/default/docker.sock"));
        sockets.add(home.resolve(".rd/docker.sock"));
        Optional.ofNullable(environment.get("XDG_RUNTIME_DIR")).ifPresent(runtime -> {
            sockets.add(Path.of(runtime, "docker.sock"));
            sockets.add(Path.of(runtime, "podman/podman.sock"));
        });
        for (Path socket : sockets) {
            if (Files.exists(socket)) {
                endpoints.add("unix://" + socket);
            }
        }
        return List.copyOf(endpoints);
    }

    private static Optional<String> testcontainersProperty(Path home) {
        Path file = home.resolve(".testcontainers.properties");
        if (!Files.isReadable(file)) {
            return Optional.empty();
        }
        var properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
        return Optional.ofNullable(properties.getProperty("docker.host")).filter(host -> !host.isBlank());
    }

    private static boolean ping(String endpoint) {
        byte[] request = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
            URI uri = URI.create(endpoint);
            String response;
            if ("unix".equals(uri.getScheme())) {
                try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    channel.connect(UnixDomainSocketAddress.of(uri.getPath()));
                    channel.write(ByteBuffer.wrap(request));
                    ByteBuffer buffer = ByteBuffer.allocate(256);
                    channel.read(buffer);
                    response = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
                }
            } else if ("tcp".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
                try (var socket = new Socket()) {
                    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()), 1000);
                    socket.setSoTimeout(1000);
                    socket.getOutputStream().write(request);
                    response = new String(socket.getInputStream().readNBytes(64), StandardCharsets.US_ASCII);
                }
            } else {
                // npipe:// and https:// (TLS) are left to Testcontainers itself.
                return true;
            }
            return response.startsWith("HTTP/1.") && response.substring(9).startsWith("200");
        } catch (IOException | RuntimeException unreachable) {
            throw new IllegalStateException(unreachable.getMessage() == null ? unreachable.toString() : unreachable.getMessage(), unreachable);
        }
    }
}
