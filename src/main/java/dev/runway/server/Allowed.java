package dev.runway.server;

import dev.runway.access.Identity;
import dev.runway.access.Role;
import io.javalin.security.RouteRole;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may call a route: every route of the API declares one of these, and the access check
 * denies any route that does not. {@link #PUBLIC} routes need no token (health, the API
 * description).
 */
record Allowed(Set<Role> roles, boolean open) implements RouteRole {

    static final Allowed PUBLIC = new Allowed(Set.of(), true);

    /** Reading runs, logs, reports, the runbook list and the audit verdict. */
    static final Allowed READERS = of(Role.VIEWER, Role.OPERATOR, Role.APPROVER, Role.RELEASE_MANAGER, Role.ADMIN, Role.AGENT);
    /** Starting a run; an agent may, as it may run steps. */
    static final Allowed STARTERS = of(Role.OPERATOR, Role.RELEASE_MANAGER, Role.ADMIN, Role.AGENT);
    /**
     * Deciding on a failed step. An agent may retry or abort; {@code Interventions} refuses it
     * skip and rollback, which are a person's call.
     */
    static final Allowed DECIDERS = of(Role.OPERATOR, Role.RELEASE_MANAGER, Role.ADMIN, Role.AGENT);
    /** Rolling back and confirming manual tasks: people who run releases. */
    static final Allowed OPERATORS = of(Role.OPERATOR, Role.RELEASE_MANAGER, Role.ADMIN);
    /** Approving gates; the gate's own policy then decides who may pass that gate. */
    static final Allowed APPROVERS = of(Role.APPROVER, Role.RELEASE_MANAGER, Role.ADMIN);
    /** Rejecting: approvers, and an operator withdrawing a release they started. */
    static final Allowed REJECTERS = of(Role.APPROVER, Role.RELEASE_MANAGER, Role.ADMIN, Role.OPERATOR);

    static Allowed of(Role... roles) {
        return new Allowed(Collections.unmodifiableSet(EnumSet.of(roles[0], roles)), false);
    }

    boolean permits(Identity who) {
        return open || roles.stream().anyMatch(r -> who.has(r.label()));
    }

    String describe() {
        return open ? "anyone" : roles.stream().map(Role::label).collect(Collectors.joining(", "));
    }
}
