package dev.runway.store;

import dev.runway.engine.JournalStore.CorruptValueException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads read-model columns back into values. A value the store never writes there (a status in
 * the wrong case, a date that is not one) means the file was edited behind Runway's back: it
 * fails as {@link Unreadable}, which the row's reader turns into a {@link CorruptValueException}
 * naming the table and the row. Nothing is paid for that on the way of good values.
 */
final class Columns {

    private Columns() {}

    /** A column that does not hold what the store writes there; {@link #in} names the row. */
    static final class Unreadable extends RuntimeException {
        private final String column;
        private final String value;
        private final String expected;

        private Unreadable(String column, String value, String expected, Throwable cause) {
            super(column, cause, false, false);
            this.column = column;
            this.value = value;
            this.expected = expected;
        }

        CorruptValueException in(String table, String row) {
            return new CorruptValueException(table, row, column, value, expected);
        }
    }

    static <E extends Enum<E>> E enumValue(Class<E> type, String column, String text) {
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Unreadable(column, text, "one of " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .collect(Collectors.joining(", ")), e);
        }
    }

    /** An INTEGER column that may be NULL. */
    static Integer nullableInt(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }

    /** An instant as the store writes it ({@link Instant#toString()}); null stays null. */
    static Instant instant(String column, String text) {
        if (text == null) return null;
        try {
            return StoredInstants.parse(text);
        } catch (RuntimeException e) {
            throw new Unreadable(column, text, "a UTC time such as 2026-11-22T07:46:33.537Z", e);
        }
    }

    /** A run's variables: a JSON object of strings. */
    static Map<String, String> vars(String column, String text) {
        try {
            return VarsJson.read(text);
        } catch (Exception e) {
            throw new Unreadable(column, text, "a JSON object of strings", e);
        }
    }
}
