package orgtrust.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Which reference operations each test called successfully, and how: {@code sdk} (the SDK's own
 * API-class method) or {@code generic} (the SDK's {@code ApiClient.invoke}, for the operations
 * the release lacks). Every call the SDK completes passes through {@code ApiClient.invoke} with
 * its method and path template ({@link Orgtrust.RecordingApiClient}); the template names the
 * operation in the reference extract (reference/genesys-orgauth-openapi.json). Written at exit
 * to {@code $ORGTRUST_RESULTS_DIR/java-operations.json} for conformance/coverage.py.
 */
public final class Recording implements BeforeEachCallback, TestWatcher {
    /** {@code METHOD /path/template} to operationId, for every operation of the reference extract. */
    public static final Map<String, String> REFERENCE = reference();
    static final ThreadLocal<String> VIA = ThreadLocal.withInitial(() -> "sdk");
    private static volatile Set<String> current;
    /** Test name to its outcome and calls. */
    private static final Map<String, ObjectNode> TESTS = new TreeMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Recording::writeResults));
    }

    private static Map<String, String> reference() {
        try {
            JsonNode doc = Orgtrust.JSON.readTree(Orgtrust.ROOT.resolve("reference/genesys-orgauth-openapi.json").toFile());
            Map<String, String> out = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext();) {
                Map.Entry<String, JsonNode> path = paths.next();
                for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                    Map.Entry<String, JsonNode> op = ops.next();
                    if (op.getValue().has("operationId")) {
                        out.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue().get("operationId").asText());
                    }
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void called(String method, String template) {
        String op = REFERENCE.get(method.toUpperCase() + " " + template);
        Set<String> calls = current;
        if (op != null && calls != null) {
            calls.add(VIA.get() + " " + op);
        }
    }

    /** Operations called successfully in passing tests so far. */
    static Set<String> passedOperations() {
        Set<String> out = new TreeSet<>();
        synchronized (TESTS) {
            for (ObjectNode t : TESTS.values()) {
                if (t.get("status").asText().equals("pass")) {
                    t.get("calls").forEach(c -> out.add(c.asText().split(" ", 2)[1]));
                }
            }
        }
        return out;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        current = new TreeSet<>();
    }

    private static void finish(ExtensionContext context, String status) {
        Set<String> calls = current;
        current = null;
        ObjectNode t = Orgtrust.JSON.createObjectNode();
        t.put("status", status);
        ArrayNode list = t.putArray("calls");
        if (calls != null) {
            calls.forEach(list::add);
        }
        synchronized (TESTS) {
            TESTS.put(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName(), t);
        }
    }

    @Override
    public void testSuccessful(ExtensionContext context) {
        finish(context, "pass");
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        finish(context, "fail");
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        finish(context, "skipped");
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        current = null;
    }

    private static void writeResults() {
        String dir = System.getenv("ORGTRUST_RESULTS_DIR");
        if (dir == null) {
            return;
        }
        ObjectNode doc = Orgtrust.JSON.createObjectNode();
        doc.put("client", "Java SDK (com.mypurecloud:platform-client-v2 " + System.getProperty("orgtrust.sdk.version") + ")");
        doc.put("backend", Orgtrust.BACKEND);
        ObjectNode tests = doc.putObject("tests");
        synchronized (TESTS) {
            TESTS.forEach(tests::set);
        }
        try {
            Orgtrust.write(Path.of(dir, "java-operations.json"),
                    Orgtrust.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
