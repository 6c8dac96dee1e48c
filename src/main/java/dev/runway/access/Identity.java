package dev.runway.access;

import java.util.Set;

/** Who acts, and in which roles. Locally the OS user (or {@code --as}); on a server, a token's owner. */
public record Identity(String name, Set<String> roles) {

    public static final String AGENT = "agent";

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAgent() {
        return roles.contains(AGENT);
    }
}
