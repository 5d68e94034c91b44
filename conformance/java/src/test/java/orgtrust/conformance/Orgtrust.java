package orgtrust.conformance;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.ApiRequest;
import com.mypurecloud.sdk.v2.ApiRequestBuilder;
import com.mypurecloud.sdk.v2.ApiResponse;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Shared by the Java SDK suite, as conftest.py and support.js are by the Python and JavaScript
 * ones: a live {@code orgtrust serve} on a free loopback port over a fresh database of the
 * backend under test ({@code ORGTRUST_CONFORMANCE_BACKEND}: {@code sqlite} in memory, default, or
 * {@code postgres}, a new database on the cluster named by {@code ORGTRUST_TEST_PG_URL}), SDK
 * clients pointed at it with the SDK's own base-path setting, and the record of which reference
 * operations each test called successfully (see {@link Recording}).
 *
 * <p>Tokens: the SDK's {@code authorizeClientCredentials} sends its request to
 * {@code https://login.<basePath after its first dot>} (ApiClient.buildUrl), a host derived
 * from Genesys' region names that cannot name a loopback server, so the suite takes the token
 * from orgtrust's token endpoint and hands it to the SDK with {@code setAccessToken}.
 */
public final class Orgtrust {
    private Orgtrust() {}

    public static final String ACME = "a0000000-0000-4000-8000-000000000001";
    public static final String PARTNER = "b0000000-0000-4000-8000-000000000001";
    public static final String CARE = "c0000000-0000-4000-8000-000000000001";

    /** The repository (the suite runs from conformance/java). */
    public static final Path ROOT = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    static final String BINARY = env("ORGTRUST_BIN", ROOT.resolve("target/debug/orgtrust").toString());
    public static final String BACKEND = env("ORGTRUST_CONFORMANCE_BACKEND", "sqlite");
    /** Set by scripts/test.sh for its secret scan (scripts/secret-scan.py). */
    static final String SCAN_DIR = System.getenv("ORGTRUST_SECRET_SCAN_DIR");
    public static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : v;
    }

    static String databaseUrl() throws IOException, InterruptedException {
        if (!BACKEND.equals("postgres")) {
            return "sqlite::memory:";
        }
        String admin = System.getenv("ORGTRUST_TEST_PG_URL");
        if (admin == null) {
            throw new IllegalStateException("ORGTRUST_CONFORMANCE_BACKEND=postgres needs ORGTRUST_TEST_PG_URL");
        }
        String name = "sdk_java_" + ProcessHandle.current().pid() + "_" + DATABASES.getAndIncrement();
        Process p = new ProcessBuilder("psql", admin, "-qc", "CREATE DATABASE " + name)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("psql CREATE DATABASE " + name + " failed");
        }
        return admin.substring(0, admin.lastIndexOf('/')) + "/" + name;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** A live server; {@link #close()} stops it. */
    public static final class Server implements AutoCloseable {
        private final Process proc;
        /** The port the tests talk to (the recording relay's under the secret scan). */
        public final int port;
        public final String base;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

        private Server(Process proc, int port) {
            this.proc = proc;
            this.port = port;
            this.base = "http://127.0.0.1:" + port;
        }

        /** The demo fixture (fixtures/demo.json). */
        public static Server start() throws Exception {
            return start(doc -> {});
        }

        /** The demo fixture changed by {@code edit}, and {@code extra} arguments ({@code --emulator}). */
        public static Server start(Consumer<ObjectNode> edit, String... extra) throws Exception {
            ObjectNode doc = (ObjectNode) JSON.readTree(ROOT.resolve("fixtures/demo.json").toFile());
            edit.accept(doc);
            File fixture = File.createTempFile("orgtrust-java-fixture-", ".json");
            fixture.deleteOnExit();
            JSON.writeValue(fixture, doc);
            int port = freePort();
            ProcessBuilder pb = new ProcessBuilder(BINARY, "serve", "--listen", "127.0.0.1:" + port,
                    "--database", databaseUrl(), "--fixture", fixture.getPath());
            pb.command().addAll(java.util.List.of(extra));
            String scan = SCAN_DIR == null ? null
                    : Path.of(SCAN_DIR, "java-" + ProcessHandle.current().pid() + "-" + port).toString();
            if (scan != null) {
                // Under the secret scan: debug logs into the scan directory, traffic through a relay.
                pb.command().addAll(java.util.List.of("--log", "debug"));
                pb.redirectOutput(new File(scan + ".stdout")).redirectError(new File(scan + ".log"));
            } else {
                pb.environment().put("ORGTRUST_LOG", "warn");
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT);
            }
            Process proc = pb.start();
            HttpClient probe = HttpClient.newHttpClient();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                if (!proc.isAlive()) {
                    throw new IllegalStateException("orgtrust exited with " + proc.exitValue());
                }
                try {
                    HttpResponse<Void> r = probe.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v2/organizations/me")).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 401) {
                        int reached = scan == null ? port : Tap.start(port, scan + ".wire");
                        return new Server(proc, reached);
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(50);
            }
            proc.destroy();
            throw new IllegalStateException("orgtrust did not start");
        }

        /** A token from orgtrust's token endpoint: {@code form} plus HTTP Basic client credentials. */
        public String token(String clientId, String secret, Map<String, String> form) throws IOException, InterruptedException {
            StringBuilder body = new StringBuilder();
            for (Map.Entry<String, String> e : form.entrySet()) {
                if (body.length() > 0) {
                    body.append('&');
                }
                body.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            }
            String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/oauth/token"))
                    .header("Authorization", "Basic " + basic)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new TokenRefused(r.statusCode(), r.body());
            }
            return JSON.readTree(r.body()).get("access_token").asText();
        }

        /** An SDK client holding a client-credentials token. */
        public ApiClient client(String clientId, String secret) throws IOException, InterruptedException {
            return withToken(token(clientId, secret, Map.of("grant_type", "client_credentials")));
        }

        /** An SDK client holding a user's token (password grant, into {@code target} when given). */
        public ApiClient userClient(String clientId, String secret, String username, String password, String target)
                throws IOException, InterruptedException {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("grant_type", "password");
            form.put("username", username);
            form.put("password", password);
            if (target != null) {
                form.put("target", target);
            }
            return withToken(token(clientId, secret, form));
        }

        /** An SDK client pointed at the server with {@code setBasePath}, holding {@code token}. */
        public ApiClient withToken(String token) {
            ApiClient client = new RecordingApiClient();
            client.setBasePath(base);
            client.setAccessToken(token);
            // No refresh token: on a 401 the SDK would otherwise try to refresh at its login host.
            client.setShouldRefreshAccessToken(false);
            return client;
        }

        @Override
        public void close() throws InterruptedException {
            proc.destroy();
            if (!proc.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                proc.destroyForcibly();
            }
        }
    }

    /** The token endpoint refused. */
    public static final class TokenRefused extends IOException {
        public final int status;

        TokenRefused(int status, String body) {
            super("token refused: " + status + " " + body);
            this.status = status;
        }
    }

    /** The SDK's ApiClient, every call it completes successfully noted for {@link Recording}. */
    static final class RecordingApiClient extends ApiClient {
        @Override
        public <T> ApiResponse<T> invoke(ApiRequest<?> request, TypeReference<T> returnType) throws ApiException, IOException {
            ApiResponse<T> response = super.invoke(request, returnType);
            Recording.called(request.getMethod(), request.getPath());
            return response;
        }
    }

    /**
     * An operation the SDK release has no method for, through the SDK's own generic
     * {@code ApiClient.invoke} with the reference's method and path template; answers the JSON
     * (null for an empty answer).
     */
    public static JsonNode generic(ApiClient client, String method, String path, Map<String, String> pathParams,
            Map<String, String> query, Object body) throws ApiException, IOException {
        ApiRequestBuilder<?> builder = ApiRequestBuilder.create(method, path)
                .withAuthNames("PureCloud OAuth")
                .withContentTypes("application/json")
                .withAccepts("application/json");
        for (Map.Entry<String, String> e : new TreeMap<>(pathParams).entrySet()) {
            builder.withPathParameter(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : new TreeMap<>(query).entrySet()) {
            builder.withQueryParameters(e.getKey(), "multi", e.getValue());
        }
        if (body != null) {
            builder = builder.withBody(body);
        }
        Recording.VIA.set("generic");
        try {
            return client.invoke(builder.build(), new TypeReference<JsonNode>() {}).getBody();
        } finally {
            Recording.VIA.set("sdk");
        }
    }

    public static JsonNode generic(ApiClient client, String method, String path) throws ApiException, IOException {
        return generic(client, method, path, Map.of(), Map.of(), null);
    }

    /** The ErrorBody's {@code code} of a refused call. */
    public static String code(ApiException e) throws IOException {
        return JSON.readTree(e.getRawBody()).path("code").asText();
    }

    /**
     * A byte-for-byte TCP relay in front of a server for the secret scan, appending everything
     * that crosses it (both ways) to {@code wireFile} in conformance/python/wiretap.py's framing:
     * {@code <connection> <up|down> <length>} on a line, then the bytes.
     */
    static final class Tap {
        static int start(int upstream, String wireFile) throws IOException {
            RandomAccessFile wire = new RandomAccessFile(wireFile, "rw");
            wire.seek(wire.length());
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            AtomicInteger connections = new AtomicInteger();
            Thread accept = new Thread(() -> {
                while (true) {
                    try {
                        Socket client = listener.accept();
                        Socket server = new Socket(InetAddress.getLoopbackAddress(), upstream);
                        int n = connections.incrementAndGet();
                        pump(client, server, n + " up", wire);
                        pump(server, client, n + " down", wire);
                    } catch (IOException e) {
                        return;
                    }
                }
            }, "tap-" + upstream);
            accept.setDaemon(true);
            accept.start();
            return listener.getLocalPort();
        }

        private static void pump(Socket from, Socket to, String tag, RandomAccessFile wire) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[65536];
                try (InputStream in = from.getInputStream()) {
                    OutputStream out = to.getOutputStream();
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        synchronized (wire) {
                            wire.write((tag + " " + n + "\n").getBytes(StandardCharsets.US_ASCII));
                            wire.write(buf, 0, n);
                        }
                        out.write(buf, 0, n);
                        out.flush();
                    }
                    to.shutdownOutput();
                } catch (IOException e) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }, "tap-pump");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Writes {@code text} to {@code path}, creating its directory. */
    static void write(Path path, String text) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }
}
