package dev.runway.access;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
 * A name that is not listed has no roles, so a gate that names roles stays closed to it.
 */
public final class LocalUsers {

    public static final String FILE = "users.yaml";

    private final Map<String, Set<String>> roles;

    private LocalUsers(Map<String, Set<String>> roles) {
        this.roles = roles;
    }

    public static LocalUsers load(Path home) {
        Path file = home.resolve(FILE);
        Map<String, Set<String>> roles = new LinkedHashMap<>();
        if (!Files.exists(file)) return new LocalUsers(roles);
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
            JsonNode users = root == null ? null : root.get("users");
            if (users != null) {
                users.fields().forEachRemaining(e -> {
                    Set<String> r = new LinkedHashSet<>();
                    if (e.getValue().isArray()) e.getValue().forEach(n -> r.add(n.asText()));
                    else if (e.getValue().isTextual()) r.add(e.getValue().asText());
                    roles.put(e.getKey(), r);
                });
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot read users and roles: " + e.getMessage(), e);
        }
        return new LocalUsers(roles);
    }

    public Identity identity(String name) {
        return new Identity(name, Set.copyOf(roles.getOrDefault(name, Set.of())));
    }
}
