package dev.runway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How long after an approval a run page shows it: the page follows the run's event stream
 * ({@code GET /api/runs/{id}/events}), so this times, per run waiting at a gate, from sending the
 * approval to the stream's first {@code run} event that no longer waits. The page redraws in the
 * same event handler; drawing is not included.
 */
final class ApprovalDelay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final int port;
    private final String viewer;
    private final String approver;
    private final HttpClient http = HttpClient.newHttpClient();

    ApprovalDelay(int port, String viewerToken, String approverToken) {
        this.port = port;
        this.viewer = viewerToken;
        this.approver = approverToken;
    }

    /** Approves each run in turn while its stream is open; the delays in milliseconds, sorted. */
    double[] measure(List<String> runs) throws Exception {
        double[] ms = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) ms[i] = one(runs.get(i));
        Arrays.sort(ms);
        return ms;
    }

    private double one(String run) throws Exception {
        BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/runs/" + run + "/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + viewer).build();
        HttpResponse<Stream<String>> stream = http.send(request, HttpResponse.BodyHandlers.ofLines());
        Thread reader = Thread.ofVirtual().start(() -> read(stream.body(), events));
        try {
            Event first = next(events, run);
            if (!first.doc().path("status").asText().equals("waiting")) {
                throw new IllegalStateException("run " + run + " is " + first.doc().path("status").asText() + ", not waiting at its gate");
            }
            long sent = System.nanoTime();
            try (RawHttp c = new RawHttp(port)) {
                RawHttp.Response r = c.post("/api/runs/" + run + "/approve", approver, "{}");
                if (r.status() != 200) throw new IllegalStateException("approving " + run + ": " + r.status() + " " + r.body());
            }
            while (true) {
                Event e = next(events, run);
                if (!e.doc().path("status").asText().equals("waiting")) return (e.at() - sent) / 1e6;
            }
        } finally {
            stream.body().close();
            reader.interrupt();
        }
    }

    private static Event next(BlockingQueue<Event> events, String run) throws InterruptedException {
        Event e = events.poll(30, TimeUnit.SECONDS);
        if (e == null) throw new IllegalStateException("no event from the stream of run " + run + " within 30 s");
        return e;
    }

    /** Server-sent events: "event: NAME", "data: …" lines, a blank line ends each. Only run events count. */
    private static void read(Stream<String> lines, BlockingQueue<Event> events) {
        String[] name = {null};
        StringBuilder data = new StringBuilder();
        try {
            lines.forEach(line -> {
                if (line.startsWith("event:")) {
                    name[0] = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                } else if (line.isEmpty() && name[0] != null) {
                    if (name[0].equals("run") || name[0].equals("end")) {
                        try {
                            events.add(new Event(System.nanoTime(), JSON.readTree(data.toString())));
                        } catch (IOException e) {
                            throw new IllegalStateException("event data is not JSON: " + data, e);
                        }
                    }
                    name[0] = null;
                    data.setLength(0);
                }
            });
        } catch (RuntimeException closed) {
            // the stream was closed after the measurement
        }
    }

    private record Event(long at, JsonNode doc) {}

    static String describe(double[] ms) {
        return "n=%d  p50 %.0f ms  p90 %.0f ms  max %.0f ms".formatted(ms.length, at(ms, 0.5), at(ms, 0.9), ms[ms.length - 1]);
    }

    private static double at(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
