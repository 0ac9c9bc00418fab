package claimgraph;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Neo4j 5 community for claimgraph's tests and benchmarks: one server on a loopback port, data in a folder of
 * the caller's choosing, stopped when the parent process goes away.
 *
 * <p>Usage: {@code java -Xmx1g -cp "target/classes:target/lib/*" claimgraph.Neo4jLauncher HOME [PAGECACHE]}.
 * HOME is the server's folder (created if missing; a folder holding a database is opened again, which is how the
 * crash tests restart a killed server on its data). PAGECACHE is a size such as {@code 256m}. With
 * {@code NEO4J_PASSWORD} set in the environment, auth is on and user {@code neo4j} gets that password; unset, auth
 * is off. Prints {@code claimgraph-neo4j: ready bolt://127.0.0.1:PORT} once Bolt accepts connections, then waits
 * until its standard input closes (the parent died or let go) or it is sent SIGTERM, and shuts the database down
 * cleanly.
 *
 * <p>The neo4j-harness artifact brings the community server and its Bolt connector onto the classpath. Its own
 * builder puts every run in a new random subfolder, so a killed server could not be reopened on its data: the
 * database is built here with {@link DatabaseManagementServiceBuilder} on a fixed folder instead.
 */
public final class Neo4jLauncher {
    private Neo4jLauncher() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: Neo4jLauncher HOME [PAGECACHE]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        String pageCache = args.length > 1 ? args[1] : "256m";
        String password = System.getenv().getOrDefault("NEO4J_PASSWORD", "");
        Path importDir = home.resolve("import"); // LOAD CSV may read only from this empty folder
        Files.createDirectories(importDir);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(GraphDatabaseSettings.auth_enabled, !password.isEmpty())
                .setConfig(GraphDatabaseSettings.pagecache_memory, parseSize(pageCache))
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importDir)
                // Transaction logs of a million-claim load would otherwise be kept for days.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 files")
                .build();
        Runtime.getRuntime().addShutdownHook(new Thread(dbms::shutdown, "claimgraph-neo4j-shutdown"));

        if (!password.isEmpty()) {
            // The system database may be written by the embedding process without logging in: the initial
            // password is set there, and no change is demanded at the first login.
            try {
                dbms.database("system").executeTransactionally(
                        "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password));
            } catch (RuntimeException e) {
                // Started again on its folder with the same password: Neo4j refuses to "change" it to itself.
                if (!String.valueOf(rootCause(e).getMessage()).contains("cannot be the same")) {
                    throw e;
                }
            }
        }

        GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        ConnectorPortRegister ports = db.getDependencyResolver().resolveDependency(ConnectorPortRegister.class);
        HostnamePort bolt = waitForBolt(ports, Duration.ofSeconds(60));
        System.out.println("claimgraph-neo4j: ready bolt://" + bolt.getHost() + ":" + bolt.getPort());
        System.out.flush();

        // Stop with the parent: read standard input to its end (the parent holds the other end of the pipe).
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        while (in.read(buffer) >= 0) {
            // nothing is expected on stdin; it is read only to learn when it closes
        }
        System.exit(0); // runs the shutdown hook
    }

    private static HostnamePort waitForBolt(ConnectorPortRegister ports, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HostnamePort address = ports.getLocalAddress(ConnectorType.BOLT);
            if (address != null && address.getPort() > 0) {
                return address;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("Bolt did not come up within " + timeout);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** "256m", "2g", "1048576" as bytes. */
    static long parseSize(String text) {
        String s = text.trim().toLowerCase();
        long unit = 1;
        char last = s.charAt(s.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            unit = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            s = s.substring(0, s.length() - 1);
        }
        return Long.parseLong(s) * unit;
    }
}
