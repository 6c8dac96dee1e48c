package dev.runway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.JournalStore.Attempt;
import dev.runway.store.SqliteJournalStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest a step's end entry records is the one audit verify computes again from the stored chunks. */
class StoredOutputSinkTest {

    @TempDir Path dir;
    JournalStore store;
    final List<String> shown = new ArrayList<>();
    final RunListener listener = new RunListener() {
        @Override
        public void onOutput(String step, String text) {
            shown.add(text);
        }
    };

    @BeforeEach
    void open() {
        store = new SqliteJournalStore(dir.resolve("home"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String storedDigest(String step, int attempt) {
        return store.auditSnapshot().outputDigests().get(new Attempt("run-1", step, attempt));
    }

    @Test
    void the_digest_covers_exactly_the_stored_chunks_in_order() {
        StoredOutputSink sink = new StoredOutputSink(store, "run-1", "build", 2, listener);
        sink.accept("compiling ✓\n");
        sink.accept("x".repeat(20 * 1024));
        sink.accept("built\n");

        String recorded = sink.finish("unused: the budget was not reached");

        assertThat(store.output("run-1", "build", 0)).hasSizeGreaterThan(1);
        assertThat(recorded).isEqualTo(storedDigest("build", 2));
    }

    @Test
    void output_past_the_budget_is_covered_with_the_stored_tail() {
        StoredOutputSink sink = new StoredOutputSink(store, "run-1", "chatty", 1, listener);
        String line = "y".repeat(1023) + "\n";
        for (int i = 0; i < 300; i++) sink.accept(line);

        String recorded = sink.finish(line.repeat(3));

        assertThat(store.output("run-1", "chatty", 0).getLast().text()).contains("not stored live; its end follows");
        assertThat(recorded).isEqualTo(storedDigest("chatty", 1));
    }

    @Test
    void an_attempt_that_printed_nothing_records_the_digest_of_the_empty_text() {
        String recorded = new StoredOutputSink(store, "run-1", "quiet", 1, listener).finish("");

        assertThat(recorded).isEqualTo(OutputDigest.EMPTY);
        assertThat(storedDigest("quiet", 1)).isNull();
    }

    @Test
    void output_arriving_after_the_end_is_shown_but_not_stored() {
        StoredOutputSink sink = new StoredOutputSink(store, "run-1", "build", 1, listener);
        sink.accept("done\n");
        String recorded = sink.finish("done\n");

        sink.accept("a background child writes on\n");

        assertThat(shown).containsExactly("done\n", "a background child writes on\n");
        assertThat(store.output("run-1", "build", 0)).extracting(JournalStore.OutputChunk::text).containsExactly("done\n");
        assertThat(recorded).isEqualTo(storedDigest("build", 1));
    }
}
