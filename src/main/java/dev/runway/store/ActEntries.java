package dev.runway.store;

import dev.runway.engine.RunEvent;
import dev.runway.engine.StoredEvent;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;

/**
 * Reads the small entries a person's act or a wait leaves (approvals, rejections, confirmations,
 * decisions, waits) with SQLite's JSON functions instead of the event codec. {@code status
 * --json} of a run at a gate reads a few of them; starting the codec's JSON mapper for those
 * cost more than the rest of the call. A test keeps each type read here equal to the codec's.
 */
final class ActEntries {

    static final Set<String> TYPES = Set.of(new RunEvent.Approved(null, null, null).type(),
            new RunEvent.Rejected(null, null, null).type(), new RunEvent.Confirmed(null, null, false, null).type(),
            new RunEvent.Decided(null, null, null, null).type(), new RunEvent.StepAwaiting(null, null, null, null).type());

    /** The columns {@link #read} takes, in its order. */
    static final String COLUMNS = "seq, run_seq, at, actor, type, json_extract(payload, '$.step'), json_extract(payload, '$.actor'),"
            + " json_extract(payload, '$.comment'), json_extract(payload, '$.onBehalf'), json_extract(payload, '$.choice'),"
            + " json_extract(payload, '$.reason'), json_extract(payload, '$.await'), json_extract(payload, '$.until'),"
            + " json_extract(payload, '$.approvalsNeeded')";

    private ActEntries() {}

    static boolean covers(Set<String> types) {
        return TYPES.containsAll(types);
    }

    static StoredEvent read(ResultSet rs, String runId) throws SQLException {
        String type = rs.getString(5);
        try {
            return new StoredEvent(rs.getLong(1), runId, rs.getInt(2), StoredInstants.parse(rs.getString(3)), rs.getString(4),
                    event(type, rs));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            throw new IllegalStateException("journal entry of type " + type + " is not readable: " + e.getMessage(), e);
        }
    }

    private static RunEvent event(String type, ResultSet rs) throws SQLException {
        String step = rs.getString(6);
        String actor = rs.getString(7);
        return switch (type) {
            case "gate.approved" -> new RunEvent.Approved(step, actor, rs.getString(8));
            case "gate.rejected" -> new RunEvent.Rejected(step, actor, rs.getString(8));
            case "manual.confirmed" -> new RunEvent.Confirmed(step, actor, rs.getInt(9) != 0, rs.getString(8));
            case "decision.made" -> new RunEvent.Decided(step, enumOrNull(RunEvent.Decision.class, rs.getString(10)), actor,
                    rs.getString(11));
            case "step.awaiting" -> {
                String until = rs.getString(13);
                yield new RunEvent.StepAwaiting(step, enumOrNull(RunEvent.Await.class, rs.getString(12)), rs.getString(11),
                        until == null ? null : StoredInstants.parse(until), Columns.nullableInt(rs, 14));
            }
            default -> throw new IllegalStateException("not an act entry: " + type);
        };
    }

    private static <E extends Enum<E>> E enumOrNull(Class<E> type, String name) {
        return name == null ? null : Enum.valueOf(type, name);
    }
}
