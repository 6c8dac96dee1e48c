package dev.runway.server;

import dev.runway.access.Identity;
import dev.runway.access.Permission;
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

    // One list of who may do what, shared with the CLI's local checks (access.Permission).
    static final Allowed READERS = of(Permission.READ);
    static final Allowed STARTERS = of(Permission.START);
    /** An agent may retry or abort; {@code Interventions} refuses it skip and rollback, which are a person's call. */
    static final Allowed DECIDERS = of(Permission.DECIDE);
    static final Allowed OPERATORS = of(Permission.OPERATE);
    /** The gate's own policy then decides who may pass that gate. */
    static final Allowed APPROVERS = of(Permission.APPROVE);
    static final Allowed REJECTERS = of(Permission.REJECT);

    static Allowed of(Permission permission) {
        return new Allowed(Collections.unmodifiableSet(EnumSet.copyOf(permission.roles())), false);
    }

    boolean permits(Identity who) {
        return open || roles.stream().anyMatch(r -> who.has(r.label()));
    }

    String describe() {
        return open ? "anyone" : roles.stream().map(Role::label).collect(Collectors.joining(", "));
    }
}
