package dev.runway.store;

import java.sql.SQLException;
import java.util.Collections;
import java.util.List;

/**
 * An INSERT that writes several rows per statement: each statement is one crossing into
 * SQLite, which on a step boundary or a run's creation cost more than the writing itself.
 * Rows go in chunks of at most {@code maxRows}; the statement for each chunk size is built
 * once, and the session caches its compiled form, so at most {@code maxRows} shapes exist.
 */
final class MultiRowInsert {

    private final int columns;
    private final String[] sqlByRows;

    MultiRowInsert(String table, List<String> columnNames, int maxRows) {
        this.columns = columnNames.size();
        this.sqlByRows = new String[maxRows + 1];
        String head = "INSERT INTO " + table + " (" + String.join(", ", columnNames) + ") VALUES ";
        String row = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
        for (int n = 1; n <= maxRows; n++) sqlByRows[n] = head + String.join(", ", Collections.nCopies(n, row));
    }

    /** Writes {@code rows}, each its column values in the order the columns were named. */
    void insert(SqliteSession db, List<Object[]> rows) throws SQLException {
        int maxRows = sqlByRows.length - 1;
        for (int from = 0; from < rows.size(); from += maxRows) {
            int count = Math.min(maxRows, rows.size() - from);
            Object[] values = new Object[count * columns];
            for (int r = 0; r < count; r++) {
                Object[] row = rows.get(from + r);
                if (row.length != columns) throw new IllegalArgumentException(row.length + " values for " + columns + " columns");
                System.arraycopy(row, 0, values, r * columns, columns);
            }
            db.update(sqlByRows[count], values);
        }
    }
}
