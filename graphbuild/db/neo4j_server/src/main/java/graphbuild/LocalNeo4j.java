package graphbuild;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import inet.ipaddr.IPAddressString;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.kernel.internal.Version;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Runs Neo4j Community embedded, with Bolt on 127.0.0.1 only and authentication on.
 *
 * Usage: LocalNeo4j NEO4J_HOME BOLT_PORT PASSWORD_FILE [PAGECACHE_MB [IMPORT_DIR]]
 *
 * LOAD CSV: file URLs are refused unless IMPORT_DIR is given (the user's opt-in), and then only files
 * inside that one directory can be read. Network URLs are always refused: every IPv4 and IPv6 address
 * is on Neo4j's IP block list, so LOAD CSV cannot fetch from local services (SSRF) or the internet.
 *
 * The password is read from PASSWORD_FILE (written 0600 by graphbuild/runtime.py), so
 * it never appears on a command line. Whenever the password is new (the store was just
 * created, or the file changed), the DBMS is first started with Bolt disabled, the
 * neo4j user's password is set on the system database, and the DBMS is stopped again;
 * only then is it started with Bolt. So there is never a window in which Bolt accepts
 * the default neo4j/neo4j credentials. A SHA-256 of the applied password is kept in
 * data/graphbuild-password.sha256 to know when this is needed.
 *
 * SIGTERM (or SIGINT) runs a shutdown hook that has the main thread call
 * managementService.shutdown() and waits for it, so the store is always closed cleanly.
 */
public final class LocalNeo4j {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private LocalNeo4j() {}

    static void log(String msg) {
        System.out.println(TS.format(LocalDateTime.now()) + " [graphbuild] " + msg);
        System.out.flush();
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: LocalNeo4j NEO4J_HOME BOLT_PORT PASSWORD_FILE [PAGECACHE_MB [IMPORT_DIR]]");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = Integer.parseInt(args[1]);
        Path passwordFile = Path.of(args[2]);
        long pagecacheMb = args.length > 3 ? Long.parseLong(args[3]) : 512;
        importDir = args.length > 4 && !args[4].isEmpty() ? Path.of(args[4]).toAbsolutePath() : null;

        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            log("password file " + passwordFile + " is empty");
            System.exit(2);
        }
        Path dataDir = home.resolve("data");
        Files.createDirectories(dataDir);
        Path marker = dataDir.resolve("graphbuild-password.sha256");
        String digest = sha256(password);

        log("Neo4j " + Version.getNeo4jVersion() + ", home " + home);

        // All starting and stopping happens on this (main) thread. The shutdown hook only
        // signals STOP_REQUESTED and then waits for MAIN_DONE, so a SIGTERM that arrives
        // while a DBMS is still being built is honoured as soon as it is up, and the store
        // is always closed through managementService.shutdown().
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutdown requested; stopping Neo4j");
            STOP_REQUESTED.countDown();
            try {
                if (!MAIN_DONE.await(120, TimeUnit.SECONDS)) {
                    log("Neo4j did not stop within 120 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "graphbuild-neo4j-shutdown"));

        int exitCode = 0;
        try {
            run(home, dataDir, pagecacheMb, port, password, marker, digest);
        } catch (Throwable t) {
            log("failed: " + t);
            t.printStackTrace(System.out);
            exitCode = 1;
        } finally {
            System.out.flush();
            MAIN_DONE.countDown();
        }
        if (exitCode != 0 && STOP_REQUESTED.getCount() > 0) {
            System.exit(exitCode); // Neo4j's non-daemon threads must not keep a failed JVM alive
        }
    }

    private static Path importDir; // null: LOAD CSV may not read files at all

    private static final CountDownLatch STOP_REQUESTED = new CountDownLatch(1);
    private static final CountDownLatch MAIN_DONE = new CountDownLatch(1);

    private static boolean stopRequested() {
        return STOP_REQUESTED.getCount() == 0;
    }

    private static void run(Path home, Path dataDir, long pagecacheMb, int port, String password,
                            Path marker, String digest) throws Exception {
        if (!Files.exists(marker) || !Files.readString(marker).strip().equals(digest)) {
            log("setting the neo4j user's password (Bolt still off)");
            DatabaseManagementService setup = builder(home, dataDir, pagecacheMb, false, port).build();
            try {
                setPassword(setup, password);
            } finally {
                setup.shutdown();
            }
            Files.writeString(marker, digest + "\n");
            log("password set");
        }
        if (stopRequested()) {
            log("Neo4j stopped cleanly");
            return;
        }
        DatabaseManagementService service = builder(home, dataDir, pagecacheMb, true, port).build();
        try {
            if (!stopRequested()) {
                // Make sure the default database is really up before declaring readiness.
                service.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
                log("ready on bolt://127.0.0.1:" + port);
            }
            STOP_REQUESTED.await();
        } finally {
            service.shutdown();
            log("Neo4j stopped cleanly");
        }
    }

    private static DatabaseManagementServiceBuilder builder(
            Path home, Path dataDir, long pagecacheMb, boolean bolt, int port) {
        DatabaseManagementServiceBuilder b = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.data_directory, dataDir)
                .setConfig(GraphDatabaseSettings.logs_directory, home.resolve("logs"))
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pagecacheMb * 1024L * 1024L)
                .setConfig(BoltConnector.enabled, bolt)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                // No anonymous usage reports from a local tool.
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                // LOAD CSV: no file URLs unless the user gave an import directory, and then only inside it
                // (file:///x.csv -> IMPORT_DIR/x.csv, '..' cannot leave it); no network URLs, ever.
                .setConfig(GraphDatabaseSettings.allow_file_urls, importDir != null)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root,
                        importDir != null ? importDir : home.resolve("no-import"))
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                // Netty's default graceful shutdown waits ~10 s with no clients; the databases
                // are already checkpointed and closed before Bolt stops, so a short quiet
                // period is safe and makes `stop` quick. (Internal settings: checked at
                // compile time against the pinned version.)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0)
                .setConfig(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(5))
                // Neo4j closes its user-log stream on shutdown; give it a wrapper whose close()
                // only flushes so our own last log lines still reach stdout (the log file).
                .setUserLogProvider(new Log4jLogProvider(new UnclosableStream(System.out)));
        return b;
    }

    private static void setPassword(DatabaseManagementService service, String password) {
        try {
            service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
        } catch (RuntimeException e) {
            // Re-applying the password the user already has is refused; that is fine.
            String m = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause().getMessage());
            if (!m.contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static final class UnclosableStream extends FilterOutputStream {
        UnclosableStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static String sha256(String s) throws NoSuchAlgorithmException {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
    }

}
