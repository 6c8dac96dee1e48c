package dev.runway.access;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Roles of local identities, from {@code RUNWAY_HOME/users.yaml}:
 *
 * <pre>
 * users:
 *   alice: [release-manager]
 *   ci-bot: [agent]
 * </pre>
 *
 * A name that is not listed has no roles, so a gate that names roles stays closed to it. Without
 * the file (one person on their own machine) the OS user is trusted with everything but what gate
 * policies and the agent role forbid; once the file lists anyone, an action needs a role that
 * {@link Permission} allows, as on a server.
 */
public final class LocalUsers {

    public static final String FILE = "users.yaml";
    private static final YAMLFactory YAML = new YAMLFactory();

    private final Map<String, Set<String>> roles;

    private LocalUsers(Map<String, Set<String>> roles) {
        this.roles = roles;
    }

    public static LocalUsers load(Path home) {
        Path file = home.resolve(FILE);
        if (!Files.exists(file)) return new LocalUsers(new LinkedHashMap<>());
        try (JsonParser p = YAML.createParser(file.toFile())) {
            return new LocalUsers(read(file, p));
        } catch (StreamReadException e) {
            // SnakeYAML's own problem and where it found it, not Jackson's wrapper text and context.
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked && marked.getProblem() != null
                    && marked.getProblemMark() != null) {
                throw new InvalidUsersFile(diagnostic(file, marked.getProblemMark().getLine() + 1,
                        marked.getProblemMark().getColumn() + 1, "not valid YAML: " + marked.getProblem()));
            }
            var at = e.getLocation();
            String why = e.getOriginalMessage().lines().findFirst().orElse("not valid YAML");
            throw new InvalidUsersFile(diagnostic(file, at == null ? 1 : at.getLineNr(), at == null ? 1 : at.getColumnNr(),
                    "not valid YAML: " + why));
        } catch (IOException e) {
            throw new InvalidUsersFile(file + ": error: cannot read users and roles: " + e.getMessage());
        }
    }

    /**
     * Reads {@code users: {name: [role, …] | role}} with the parser, not a tree, so that each
     * problem can name its line and column.
     */
    private static Map<String, Set<String>> read(Path file, JsonParser p) throws IOException {
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        JsonToken t = p.nextToken();
        if (t == null) return roles; // an empty file lists no one
        if (t != JsonToken.START_OBJECT) throw problem(file, p, "expected a mapping with a \"users:\" key");
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonToken value = p.nextToken();
            if (!key.equals("users")) throw problem(file, p, "unknown key \"" + key + "\" (the file has one key, users)");
            if (value == JsonToken.VALUE_NULL) continue;
            if (value != JsonToken.START_OBJECT) throw problem(file, p, "users must map each name to its roles, e.g. alice: [release-manager]");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                Set<String> own = new LinkedHashSet<>();
                JsonToken v = p.nextToken();
                if (v == JsonToken.START_ARRAY) {
                    while ((v = p.nextToken()) != JsonToken.END_ARRAY) own.add(role(file, p, name, v));
                } else {
                    own.add(role(file, p, name, v));
                }
                if (roles.put(name, own) != null) throw problem(file, p, "user \"" + name + "\" is listed twice");
            }
        }
        return roles;
    }

    private static String role(Path file, JsonParser p, String user, JsonToken t) throws IOException {
        if (t != JsonToken.VALUE_STRING) {
            throw problem(file, p, "the roles of " + user + " must be names, e.g. " + user + ": [approver]");
        }
        String role = p.getText();
        if (Role.of(role).isEmpty()) {
            throw problem(file, p, "unknown role \"" + role + "\" for " + user + " (roles: "
                    + java.util.Arrays.stream(Role.values()).map(Role::label).collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        return role;
    }

    private static InvalidUsersFile problem(Path file, JsonParser p, String message) {
        var at = p.currentTokenLocation();
        return new InvalidUsersFile(diagnostic(file, at.getLineNr(), at.getColumnNr(), message));
    }

    private static String diagnostic(Path file, int line, int column, String message) {
        return file + ":" + Math.max(1, line) + ":" + Math.max(1, column) + ": error: " + message;
    }

    /** Whether the file lists anyone: then local actions are checked against roles. */
    public boolean defined() {
        return !roles.isEmpty();
    }

    /**
     * Empty when {@code who} may {@code action} here; otherwise the reason, worded as the
     * server words its own: {@code dave (viewer) may not approve: it needs one of the roles …}.
     */
    public java.util.Optional<String> refusal(Identity who, Permission permission, String action) {
        if (!defined() || permission.permits(who)) return java.util.Optional.empty();
        String has = who.roles().isEmpty() ? "no role in " + FILE : String.join(", ", who.roles().stream().sorted().toList());
        return java.util.Optional.of(who.name() + " (" + has + ") may not " + action + ": it needs one of the roles "
                + permission.describe());
    }

    public Identity identity(String name) {
        return new Identity(name, Set.copyOf(roles.getOrDefault(name, Set.of())));
    }
}
