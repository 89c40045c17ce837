package lexgraph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.BoltConnectorInternalSettings;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j Community as Neo4j's Java reference documents it: the embedded engine with its Bolt connector, which the
 * Python driver cannot tell from a packaged server. Settings come from the environment (neo4j/run documents them);
 * HOME/conf/neo4j.conf, when present, is read first for anything else.
 */
public final class Neo4jLauncher {
    public static void main(String[] args) throws Exception {
        Path home = Path.of(env("NEO4J_HOME", "data/neo4j")).toAbsolutePath();
        String host = env("NEO4J_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("NEO4J_PORT", "7687")); // 0: any free port, printed below
        String password = env("NEO4J_PASSWORD", "lexgraph-dev");
        Files.createDirectories(home);

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        Path conf = home.resolve("conf/neo4j.conf");
        if (Files.isRegularFile(conf)) {
            builder.loadPropertiesFromFile(conf);
        }
        DatabaseManagementService dbms = builder
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.parse(env("NEO4J_PAGECACHE", "256m")))
                // A transaction's timeout (which bounds how long a lexgraph writer waits for another) is checked
                // this often; the default of 2 s would make a 1 s wait a 3 s one.
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(100))
                // A development server: no preallocated 256 MB log files, only the logs recovery needs, no
                // usage report over a network this machine may not have.
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "false")
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // Bolt's threads get 5 s each to finish when the server stops, which doubles the time a test run
                // waits at its end; by then the databases are closed and nothing is left for them to do.
                .setConfig(BoltConnectorInternalSettings.thread_pool_shutdown_wait_time, Duration.ofMillis(500))
                .setConfig(BoltConnectorInternalSettings.connection_shutdown_wait_time, Duration.ofMillis(500))
                .build();
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C and SIGTERM run the hooks: the store is checkpointed and closed, so the next start needs no recovery.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            System.err.println("neo4j: stopped");
            stopped.countDown();
        }));

        // The user neo4j gets $NEO4J_PASSWORD, without the change a new server asks for at first login; a transaction
        // of the embedded API on the system database needs no login itself.
        try {
            dbms.database("system").executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to set the password the user has already: then there is nothing to do.
            if (!String.valueOf(e.getMessage()).contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }

        // The address Bolt listens on, the port chosen when asked for 0; Bolt accepts connections from here on.
        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        var bound = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        System.out.println("bolt://" + host + ":" + bound.getPort());
        System.out.flush();

        // Started for a test run: stop with the process that started it, even one killed without a chance to stop
        // this one, so that no server outlives its run.
        String parent = System.getenv("NEO4J_STOP_WITH_PID");
        if (parent != null && !parent.isEmpty()) {
            ProcessHandle.of(Long.parseLong(parent)).ifPresentOrElse(
                    handle -> handle.onExit().thenRun(() -> System.exit(0)), () -> System.exit(0));
        }
        stopped.await();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
