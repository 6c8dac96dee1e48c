package dev.runway.access;

/**
 * {@code users.yaml} cannot be used as written. The message is the whole diagnostic,
 * {@code FILE:LINE:COL: error: …}, as for a runbook: the CLI prints it and exits 2.
 */
public final class InvalidUsersFile extends RuntimeException {

    public InvalidUsersFile(String diagnostic) {
        super(diagnostic);
    }
}
