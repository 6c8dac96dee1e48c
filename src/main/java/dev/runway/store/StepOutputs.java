package dev.runway.store;

import dev.runway.engine.JournalStore.OutputChunk;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

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
