package dev.runway.access;

import java.util.Set;

/** Who acts, and in which roles. Locally the OS user (or {@code --as}); on a server, a token's owner. */
public record Identity(String name, Set<String> roles) {

    public static final String AGENT = "agent";

    /** What a person's name may be, given with --as or to {@code runway user add}: what the record compares. */
    public static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    public static final String NAME_RULE = "1 to 64 letters, digits, '.', '_', '@' or '-'";

    public boolean has(String role) {
        return roles.contains(role);
    }

    public boolean isAgent() {
        return roles.contains(AGENT);
    }
}
