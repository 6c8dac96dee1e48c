package dev.runway.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A client of {@code GET /api/runs/{id}/events}: the server-sent events as they arrive. */
final class EventStream implements AutoCloseable {

    record Event(String name, String data) {
        JsonNode json() {
            try {
                return new ObjectMapper().readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final java.util.List<Event> received = new java.util.ArrayList<>();
    final CompletableFuture<Void> ended = new CompletableFuture<>();
    final int status;
    private final Thread reader;

    EventStream(String url, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofLines());
        this.status = r.statusCode();
        this.reader = Thread.ofVirtual().start(() -> {
            String name = "message";
            StringBuilder data = new StringBuilder();
            try (Stream<String> lines = r.body()) {
                for (String line : (Iterable<String>) lines::iterator) {
                    if (line.startsWith("event:")) name = line.substring(6).strip();
                    else if (line.startsWith("data:")) data.append(line.substring(5).strip());
                    else if (line.isEmpty() && !data.isEmpty()) {
                        events.add(new Event(name, data.toString()));
                        name = "message";
                        data.setLength(0);
                    }
                }
                ended.complete(null);
            } catch (RuntimeException e) {
                ended.completeExceptionally(e);
            }
        });
    }

    /** The first event received so far, or arriving within {@code timeout}, that matches; events come in any order. */
    Event next(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            synchronized (received) {
                for (Event e : received) if (wanted.test(e)) return e;
            }
            Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) throw new AssertionError("no matching event within " + timeout + "; received " + received);
            synchronized (received) {
                received.add(e);
            }
        }
    }

    static Predicate<Event> run(Predicate<JsonNode> doc) {
        return e -> e.name().equals("run") && doc.test(e.json());
    }

    @Override
    public void close() {
        reader.interrupt();
    }
}
