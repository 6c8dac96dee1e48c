package dev.runway.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.runway.engine.JournalStore;
import dev.runway.engine.JournalStore.OutputChunk;
import dev.runway.engine.RunStatus;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/runs/{id}/events}: a run's document as server-sent events, sent again
 * whenever it changes, and the output of its steps as it is written. Changes are found by
 * reading the store's read model, not by listening to this server's engine, because an
 * approval or a decision may come from another process sharing the store. One poller serves
 * every stream: a few cheap reads per watched run and tick, whatever the number of viewers.
 */
final class RunEvents implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(150);
    static final Duration HEARTBEAT = Duration.ofSeconds(10);
    /** Output chunks a new viewer gets of what ran last; later ones arrive as they are written. */
    static final int TAIL_CHUNKS = 50;
    private static final Logger LOG = LoggerFactory.getLogger(RunEvents.class);

    private final JournalStore store;
    private final Function<String, Map<String, Object>> documents;
    private final Map<String, Watch> watches = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean closed;

    /** @param documents a run's JSON document by run id, as {@code GET /api/runs/{id}} shows it */
    RunEvents(JournalStore store, Function<String, Map<String, Object>> documents) {
        this.store = store;
        this.documents = documents;
        this.poller = Thread.ofPlatform().daemon().name("run-events").start(this::poll);
    }

    void stream(Context ctx, String runId) {
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            throw new ApiError(406, "not_acceptable", "this is a stream of server-sent events: send Accept: text/event-stream");
        }
        if (ctx.method() == HandlerType.HEAD) {
            // The stream's headers only: following the run would hold the connection open to send no body.
            ctx.status(200).contentType("text/event-stream").header("Cache-Control", "no-cache");
            return;
        }
        new SseHandler(client -> subscribe(runId, client)).handle(ctx);
    }

    private void subscribe(String runId, SseClient client) {
        client.keepAlive();
        if (closed) {
            client.close();
            return;
        }
        while (true) {
            Watch w = watches.computeIfAbsent(runId, Watch::new);
            synchronized (w) {
                // The poller drops a watch nobody follows; if it just dropped this one, take a fresh one.
                if (watches.get(runId) != w) continue;
                Map<String, Object> document = documents.apply(runId);
                String doc = json(document);
                client.sendEvent("run", doc);
                List<OutputChunk> all = store.output(runId, null, 0);
                List<OutputChunk> tail = all.subList(Math.max(0, all.size() - TAIL_CHUNKS), all.size());
                // Chunks sent here may come again from the poller; pages skip ids they have seen.
                if (!tail.isEmpty()) client.sendEvent("output", json(output(tail)));
                if (w.lastOutput < 0) w.lastOutput = all.isEmpty() ? 0 : all.getLast().id();
                if (w.clients.isEmpty()) w.lastDoc = doc; // a first viewer needs no second copy from the poller
                if (ended(document)) {
                    end(client, doc);
                    return;
                }
                w.clients.add(client);
                client.onClose(() -> w.clients.remove(client));
                return;
            }
        }
    }

    private void poll() {
        long lastBeat = System.nanoTime();
        while (!closed) {
            try {
                Thread.sleep(TICK);
            } catch (InterruptedException e) {
                return;
            }
            boolean beat = System.nanoTime() - lastBeat > HEARTBEAT.toNanos();
            if (beat) lastBeat = System.nanoTime();
            for (Watch w : watches.values()) {
                try {
                    refresh(w, beat);
                } catch (RuntimeException e) {
                    LOG.warn("cannot refresh the event stream of run {}", w.runId, e);
                }
            }
        }
    }

    private void refresh(Watch w, boolean beat) {
        synchronized (w) {
            w.clients.removeIf(SseClient::terminated);
            if (w.clients.isEmpty()) {
                watches.remove(w.runId, w);
                return;
            }
            Map<String, Object> document = documents.apply(w.runId);
            String doc = json(document);
            if (!doc.equals(w.lastDoc)) {
                w.lastDoc = doc;
                w.clients.forEach(c -> c.sendEvent("run", doc));
            }
            List<OutputChunk> fresh = store.output(w.runId, null, w.lastOutput);
            if (!fresh.isEmpty()) {
                String chunks = json(output(fresh));
                w.clients.forEach(c -> c.sendEvent("output", chunks));
                w.lastOutput = fresh.getLast().id();
            }
            if (ended(document)) {
                w.clients.forEach(c -> end(c, doc));
                w.clients.clear();
                watches.remove(w.runId, w);
            } else if (beat) {
                w.clients.forEach(c -> c.sendComment("keep-alive"));
            }
        }
    }

    private static void end(SseClient client, String doc) {
        client.sendEvent("end", doc);
        client.close();
    }

    private static boolean ended(Map<String, Object> document) {
        return RunStatus.fromLabel(String.valueOf(document.get("status"))).isTerminal();
    }

    private static Map<String, Object> output(List<OutputChunk> chunks) {
        return Map.of("chunks", chunks.stream().map(RunEvents::chunk).toList());
    }

    /** An output chunk as the API shows it, in logs and in event streams. */
    static Map<String, Object> chunk(OutputChunk c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("step", c.step());
        m.put("attempt", c.attempt());
        m.put("text", c.text());
        return m;
    }

    static String json(Object value) {
        try {
            return ApiJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** Ends every stream (browsers reconnect to the next server) and stops the poller. */
    @Override
    public void close() {
        closed = true;
        poller.interrupt();
        for (Watch w : watches.values()) {
            synchronized (w) {
                w.clients.forEach(SseClient::close);
                w.clients.clear();
            }
        }
        watches.clear();
    }

    private static final class Watch {
        final String runId;
        final Set<SseClient> clients = ConcurrentHashMap.newKeySet();
        String lastDoc;
        long lastOutput = -1;

        Watch(String runId) {
            this.runId = runId;
        }
    }
}
