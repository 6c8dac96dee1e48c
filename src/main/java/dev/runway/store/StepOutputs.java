package dev.runway.store;

import dev.runway.engine.JournalStore.Attempt;
import dev.runway.engine.JournalStore.OutputChunk;
import dev.runway.engine.OutputDigest;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Captured step output, beside the journal rather than in it. */
final class StepOutputs {

    private final SqliteSession db;
    private final SqliteSession reads;

    StepOutputs(SqliteSession db, SqliteSession reads) {
        this.db = db;
        this.reads = reads;
    }

    void append(String runId, String step, int attempt, String text) {
        // Each write is a commit (fsync'd like every other); the sink batches output so a
        // chatty step costs at most a few commits a second.
        db.inTransaction(() -> db.update("INSERT INTO step_output (run_id, step_id, attempt, text) VALUES (?, ?, ?, ?)",
                runId, step, attempt, text));
    }

    /** Each attempt's {@link OutputDigest}, over its chunks in id order: the order the sink stored them. */
    Map<Attempt, String> digests() {
        return reads.read(() -> {
            Map<Attempt, OutputDigest> digests = new HashMap<>();
            try (PreparedStatement q = reads.prepare("SELECT run_id, step_id, attempt, text FROM step_output ORDER BY id");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    digests.computeIfAbsent(new Attempt(rs.getString(1), rs.getString(2), rs.getInt(3)), k -> new OutputDigest())
                            .add(rs.getString(4));
                }
            }
            Map<Attempt, String> out = new HashMap<>();
            digests.forEach((attempt, digest) -> out.put(attempt, digest.hex()));
            return out;
        });
    }

    List<OutputChunk> read(String runId, String step, long afterId) {
        return reads.read(() -> {
            List<OutputChunk> out = new ArrayList<>();
            String sql = "SELECT id, step_id, attempt, text FROM step_output WHERE run_id = ? AND id > ?"
                    + (step == null ? "" : " AND step_id = ?") + " ORDER BY id";
            try (PreparedStatement q = reads.prepare(sql)) {
                if (step == null) SqliteSession.bind(q, runId, afterId); else SqliteSession.bind(q, runId, afterId, step);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) out.add(new OutputChunk(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                }
            }
            return out;
        });
    }
}
