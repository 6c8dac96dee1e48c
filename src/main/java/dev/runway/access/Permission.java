package dev.runway.access;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What someone does to a run, and the roles that may do it. The server checks these on its
 * routes; the CLI checks them locally once {@code users.yaml} names who has which roles. Gate
 * policies and the agent's limits (no skip, no rollback) are checked on top, by the engine.
 */
public enum Permission {
    /** Reading runs, logs, reports, the runbook list and the audit verdict. */
    READ(Role.VIEWER, Role.OPERATOR, Role.APPROVER, Role.RELEASE_MANAGER, Role.ADMIN, Role.AGENT),
    /** Starting or resuming a run; an agent may, as it may run steps. */
    START(Role.OPERATOR, Role.RELEASE_MANAGER, Role.ADMIN, Role.AGENT),
    /** Deciding on a failed step; an agent may retry or abort, never skip or roll back. */
    DECIDE(Role.OPERATOR, Role.RELEASE_MANAGER, Role.ADMIN, Role.AGENT),
    /** Rolling back and confirming manual tasks: people who run releases. */
    OPERATE(Role.OPERATOR, Role.RELEASE_MANAGER, Role.ADMIN),
    /** Approving gates; the gate's own policy then decides who may pass that gate. */
    APPROVE(Role.APPROVER, Role.RELEASE_MANAGER, Role.ADMIN),
    /** Rejecting: approvers, and an operator withdrawing a release they started. */
    REJECT(Role.APPROVER, Role.RELEASE_MANAGER, Role.ADMIN, Role.OPERATOR);

    private final Set<Role> roles;

    Permission(Role first, Role... rest) {
        this.roles = EnumSet.of(first, rest);
    }

    public Set<Role> roles() {
        return roles;
    }

    public boolean permits(Identity who) {
        return roles.stream().anyMatch(r -> who.has(r.label()));
    }

    /** The roles, as people write them: {@code operator, release-manager, admin}. */
    public String describe() {
        return roles.stream().map(Role::label).collect(Collectors.joining(", "));
    }
}
