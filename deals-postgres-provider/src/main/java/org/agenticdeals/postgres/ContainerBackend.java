package org.agenticdeals.postgres;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/** A PostgreSQL container started through Testcontainers. Loaded only after Docker answered. */
final class ContainerBackend implements Backend {

    private final PostgreSQLContainer container;

    private ContainerBackend(PostgreSQLContainer container) {
        this.container = container;
    }

    static ContainerBackend start(ProviderSettings settings, Map<String, String> serverConfig) {
        List<String> command = new ArrayList<>(List.of("postgres"));
        serverConfig.forEach((name, value) -> command.addAll(List.of("-c", name + "=" + value)));
        DockerImageName image = DockerImageName.parse(settings.dockerImage()).asCompatibleSubstituteFor("postgres");
        var container = new PostgreSQLContainer(image).withCommand(command.toArray(String[]::new));
        container.start();
        return new ContainerBackend(container);
    }

    @Override
    public ProviderKind kind() {
        return ProviderKind.TESTCONTAINERS;
    }

    @Override
    public ConnectionInfo admin(String database) {
        String url = "jdbc:postgresql://" + container.getHost() + ":" + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT) + "/" + database;
        return new ConnectionInfo(url, container.getUsername(), container.getPassword());
    }

    @Override
    public String maintenanceDatabase() {
        return container.getDatabaseName();
    }

    @Override
    public boolean startedByProvider() {
        return true;
    }

    @Override
    public String describe() {
        return "Testcontainers " + container.getDockerImageName() + " at " + container.getHost() + ":"
                + container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
    }

    @Override
    public void stop() {
        container.stop();
    }
}
