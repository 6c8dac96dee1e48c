package dev.runway.runbook;

import java.util.List;

/**
 * A {@code ##} section: a phase of the release. Informational sections (Troubleshooting,
 * References, …) are kept for the record but produce no steps; the rollback section's steps
 * run only on rollback.
 */
public record Section(String title, int line, Role role, List<String> notes) {

    public enum Role { PHASE, ROLLBACK, INFORMATIONAL }
}
