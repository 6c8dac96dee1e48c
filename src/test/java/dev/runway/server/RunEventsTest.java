package dev.runway.server;

import static dev.runway.server.EventStream.run;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.access.Identity;
import dev.runway.access.Role;
import dev.runway.engine.Interventions;
import dev.runway.store.SqliteJournalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /api/runs/{id}/events}: a run's changes as server-sent events, wherever they were made. */
class RunEventsTest {

    private static final Duration SOON = Duration.ofSeconds(10);

    @TempDir Path dir;
    ApiFixture api;
    String alice;
    String bob;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(dir).withGatedRunbook(1);
        alice = api.token("alice", Role.RELEASE_MANAGER);
        bob = api.token("bob", Role.APPROVER);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private String events(String runId) {
        return api.url("/api/runs/" + runId + "/events");
    }

    @Test
    void the_stream_sends_the_run_then_each_change_and_ends_when_the_run_ends() throws Exception {
        String runId = api.startRun("gated.md", alice);
        try (EventStream stream = new EventStream(events(runId), alice)) {
            assertThat(stream.status).isEqualTo(200);
            stream.next(run(doc -> doc.path("awaiting").path("kind").asText().equals("gate")), SOON);
            stream.next(e -> e.name().equals("output") && e.data().contains("built"), SOON);

            api.post("/api/runs/" + runId + "/approve", bob, "{\"comment\": \"go\"}");

            stream.next(run(doc -> doc.at("/steps/1/approved_by/0").asText().equals("bob")), SOON);
            EventStream.Event end = stream.next(e -> e.name().equals("end"), SOON);
            assertThat(end.json().get("status").asText()).isEqualTo("succeeded");
            stream.ended.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void an_approval_written_by_another_process_reaches_the_stream() throws Exception {
        String runId = api.startRun("gated.md", alice);
        try (EventStream stream = new EventStream(events(runId), alice);
             SqliteJournalStore elsewhere = new SqliteJournalStore(api.home)) {
            stream.next(run(doc -> doc.path("awaiting").path("kind").asText().equals("gate")), SOON);

            new Interventions(elsewhere, Clock.systemUTC(), state -> Plans.of(state.start(), false))
                    .approve(runId, new Identity("bob", Set.of("approver")), "from the CLI");

            stream.next(run(doc -> doc.at("/steps/1/approved_by/0").asText().equals("bob")), SOON);
        }
    }

    @Test
    void a_finished_run_is_sent_once_and_the_stream_ends() throws Exception {
        api.withRunbook("plain.md", "# Plain\n\n## Go\n\n### Go\n\n```bash\necho go\n```\n");
        String runId = api.startRun("plain.md", alice);
        org.awaitility.Awaitility.await().until(() -> api.run(runId, alice).get("status").asText().equals("succeeded"));

        try (EventStream stream = new EventStream(events(runId), alice)) {
            stream.next(run(doc -> doc.get("status").asText().equals("succeeded")), SOON);
            stream.next(e -> e.name().equals("end"), SOON);
            stream.ended.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void stopping_the_server_ends_open_streams_at_once() throws Exception {
        String runId = api.startRun("gated.md", alice);
        try (EventStream stream = new EventStream(events(runId), alice)) {
            stream.next(run(doc -> doc.path("awaiting").path("kind").asText().equals("gate")), SOON);
            long start = System.nanoTime();

            api.server.stop();

            stream.ended.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_client_that_does_not_accept_event_streams_is_told_so() {
        String runId = api.startRun("gated.md", alice);

        ApiFixture.Response r = api.get("/api/runs/" + runId + "/events", alice);

        assertThat(r.status()).isEqualTo(406);
        assertThat(r.errorCode()).isEqualTo("not_acceptable");
        assertThat(r.json().at("/error/message").asText()).isEqualTo("this is a stream of server-sent events: send Accept: text/event-stream");
        assertThat(api.get("/api/runs/nope/events", alice).errorCode()).isEqualTo("run_not_found");
    }
}
