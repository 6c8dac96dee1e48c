import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * demo-service: the toy service that Runway's bundled example release (examples/release.md)
 * builds, stages, promotes and rolls back. JDK only, so the demo needs nothing but a JDK 21+.
 *
 * <pre>
 * java -jar demo-service.jar [--port N] [--port-file F] [--version V] [--fail-rate R] [--env E]
 * </pre>
 *
 * Deliberate defects, so the demo can show failures without any randomness:
 * <ul>
 *   <li>a version containing "broken", run with {@code --env production}, answers /health as
 *       healthy but fails a third of /api requests (it passes staging and its health check, and
 *       only live traffic shows the defect: what an observation window is for);</li>
 *   <li>{@code --fail-rate R} makes exactly that share of /api/* requests answer 500.</li>
 * </ul>
 */
public final class DemoService {

    private final String version;
    private final double failRate;
    private final AtomicLong apiRequests = new AtomicLong();
    private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();

    DemoService(String version, String env, double failRate) {
        this.version = version;
        this.failRate = version.contains("broken") && env.equals("production") ? Math.max(failRate, 1.0 / 3) : failRate;
        // Always expose both series so a scraper computing an error ratio never sees "no data".
        responses.put(200, new LongAdder());
        responses.put(500, new LongAdder());
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = parseArgs(args);
        int port = Integer.parseInt(opts.getOrDefault("port", "0"));
        double failRate = Double.parseDouble(opts.getOrDefault("fail-rate", "0"));
        if (failRate < 0 || failRate > 1) throw new IllegalArgumentException("--fail-rate must be within 0.0..1.0");
        DemoService service = new DemoService(opts.getOrDefault("version", "0.0.0-dev"),
                opts.getOrDefault("env", "dev"), failRate);

        // Loopback only: the demo must never expose anything on the network.
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", service::handle);
        server.start();

        int bound = server.getAddress().getPort();
        Path portFile = opts.containsKey("port-file") ? Path.of(opts.get("port-file")) : null;
        if (portFile != null) {
            // Write then rename: whoever polls for the file must never read a half-written port.
            Path tmp = portFile.resolveSibling(portFile.getFileName() + ".tmp");
            Files.writeString(tmp, bound + "\n");
            Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        System.out.printf("demo-service %s (%s) listening on 127.0.0.1:%d%n",
                service.version, opts.getOrDefault("env", "dev"), bound);

        // SIGTERM runs shutdown hooks: let in-flight requests finish, and remove the port file so
        // nobody mistakes a stopped instance for a live one.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(1);
            if (portFile != null) {
                try { Files.deleteIfExists(portFile); } catch (IOException ignored) { }
            }
            System.out.println("demo-service " + service.version + " stopped");
        }));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (!ex.getRequestMethod().equals("GET")) {
                send(ex, 405, "application/json", "{\"error\":\"method not allowed\"}\n");
            } else if (path.equals("/health")) {
                send(ex, 200, "application/json", "{\"status\":\"ok\",\"version\":\"" + version + "\"}\n");
            } else if (path.equals("/version")) {
                send(ex, 200, "application/json", "{\"version\":\"" + version + "\"}\n");
            } else if (path.startsWith("/api/")) {
                api(ex, path);
            } else if (path.equals("/metrics")) {
                send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", metrics());
            } else {
                send(ex, 404, "application/json", "{\"error\":\"not found\"}\n");
            }
        }
    }

    private void api(HttpExchange ex, String path) throws IOException {
        // Request n fails when floor(n*R) steps up: exactly the share R fails, spread evenly,
        // and the same run always fails the same requests (e.g. R=0.25 fails every 4th).
        long n = apiRequests.incrementAndGet();
        if (Math.floor(n * failRate) > Math.floor((n - 1) * failRate)) {
            send(ex, 500, "application/json", "{\"error\":\"injected failure\"}\n");
        } else if (path.equals("/api/orders")) {
            send(ex, 200, "application/json",
                    "[{\"id\":1,\"item\":\"coffee\",\"qty\":2},{\"id\":2,\"item\":\"bagel\",\"qty\":1}]\n");
        } else {
            send(ex, 404, "application/json", "{\"error\":\"not found\"}\n");
        }
    }

    private String metrics() {
        StringBuilder out = new StringBuilder()
                .append("# HELP demo_http_requests_total HTTP responses sent, by status code.\n")
                .append("# TYPE demo_http_requests_total counter\n");
        new TreeMap<>(responses).forEach((code, count) -> out.append("demo_http_requests_total{code=\"")
                .append(code).append("\"} ").append(count.sum()).append('\n'));
        out.append("# HELP demo_build_info The running version.\n# TYPE demo_build_info gauge\n")
                .append("demo_build_info{version=\"").append(version).append("\"} 1\n");
        return out.toString();
    }

    private void send(HttpExchange ex, int status, String type, String body) throws IOException {
        // Counted before writing, so a scrape right after a response already includes it.
        responses.computeIfAbsent(status, c -> new LongAdder()).increment();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> opts = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got: " + args[i]);
            }
            String name = args[i].substring(2);
            if (!java.util.Set.of("port", "port-file", "version", "fail-rate", "env").contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            opts.put(name, args[++i]);
        }
        return opts;
    }
}
