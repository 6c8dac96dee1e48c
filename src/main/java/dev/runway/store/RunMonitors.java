package dev.runway.store;

import static dev.runway.store.SqliteSession.instant;
import static dev.runway.store.SqliteSession.text;

import dev.runway.engine.MonitorReading;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What monitors show while a run is watched (the latest figures, replaced at each sample) and
 * the values they gave before the change (baselines). Beside the journal, never in it: they
 * are readings, not decisions.
 */
final class RunMonitors {

    private final SqliteSession db;
    private final SqliteSession reads;

    RunMonitors(SqliteSession db, SqliteSession reads) {
        this.db = db;
        this.reads = reads;
    }

    void show(String runId, String scope, List<MonitorReading> readings) {
        db.inTransaction(() -> {
            db.update("DELETE FROM run_monitors WHERE run_id = ? AND scope = ?", runId, scope);
            int ordinal = 0;
            for (MonitorReading m : readings) {
                db.update("INSERT INTO run_monitors (run_id, scope, ordinal, rule, metric, value, shown, threshold, state,"
                                + " breaching_since, samples, until, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        runId, scope, ordinal++, m.rule(), m.metric(), m.value(), m.shown(), m.threshold(), m.state(),
                        text(m.breachingSince()), m.samples(), text(m.until()), text(m.at()));
            }
        });
    }

    void clear(String runId) {
        db.inTransaction(() -> db.update("DELETE FROM run_monitors WHERE run_id = ?", runId));
    }

    List<MonitorReading> read(String runId) {
        return reads.read(() -> {
            List<MonitorReading> out = new ArrayList<>();
            PreparedStatement q = reads.cached("SELECT scope, rule, metric, value, shown, threshold, state,"
                    + " breaching_since, samples, until, at FROM run_monitors WHERE run_id = ? ORDER BY scope, ordinal");
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    double value = rs.getDouble(4);
                    Double v = rs.wasNull() ? null : value;
                    out.add(new MonitorReading(rs.getString(1), rs.getString(2), rs.getString(3), v, rs.getString(5),
                            rs.getString(6), rs.getString(7), instant(rs.getString(8)), rs.getLong(9),
                            instant(rs.getString(10)), instant(rs.getString(11))));
                }
            }
            return out;
        });
    }

    void saveBaseline(String runId, String monitor, List<Double> values) {
        String joined = String.join(",", values.stream().map(String::valueOf).toList());
        db.inTransaction(() -> db.update("INSERT OR REPLACE INTO run_baselines (run_id, monitor, vals) VALUES (?, ?, ?)",
                runId, monitor, joined));
    }

    Optional<List<Double>> baseline(String runId, String monitor) {
        return reads.read(() -> {
            PreparedStatement q = reads.cached("SELECT vals FROM run_baselines WHERE run_id = ? AND monitor = ?");
            SqliteSession.bind(q, runId, monitor);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                String vals = rs.getString(1);
                return Optional.of(vals.isEmpty() ? List.<Double>of() : Arrays.stream(vals.split(",")).map(Double::valueOf).toList());
            }
        });
    }
}
