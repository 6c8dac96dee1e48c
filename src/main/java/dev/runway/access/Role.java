package dev.runway.access;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a person (or a program) may do on a Runway server. Gate policies name roles by their
 * {@link #label()}, so a token's roles and a runbook's {@code approvals:} speak the same words.
 */
public enum Role {
    VIEWER, OPERATOR, APPROVER, RELEASE_MANAGER, ADMIN, AGENT;

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    public static Optional<Role> of(String label) {
        return Arrays.stream(values()).filter(r -> r.label().equals(label)).findFirst();
    }
}
