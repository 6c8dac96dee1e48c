package dev.runway.cli;

import dev.runway.access.Role;
import dev.runway.access.TokenStore.Issued;
import dev.runway.access.TokenStore.TokenInfo;
import dev.runway.runbook.Durations;
import dev.runway.store.SqliteTokenStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "token", mixinStandardHelpOptions = true,
        description = {"API tokens for runway serve: token create --user U --role R [--role R2] [--expires 30d],",
                "token list, token revoke ID. The token is printed once; only its hash is stored."})
final class TokenCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "ACTION", description = "create, list or revoke")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "the token to revoke")
    String id;

    @Option(names = "--user", paramLabel = "NAME")
    String user;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "viewer, operator, approver, release-manager, admin or agent (repeatable)")
    List<String> roles;

    @Option(names = "--expires", paramLabel = "DURATION", description = "e.g. 30d, 12h (default: never)")
    String expires;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Option(names = "--as", paramLabel = "USER", description = "Who creates or revokes, for the journal (default: the OS user).")
    String as;

    @Override
    boolean readsOnly() {
        return !action.equals("create");
    }

    @Override
    int execute(Workspace ws) {
        // Listing or revoking in a home without a store has nothing to act on, and must not create one.
        if (!ws.hasStore() && action.equals("list")) return list(List.of());
        if (!ws.hasStore() && action.equals("revoke")) throw new UsageError("no tokens yet in " + ws.home());
        try (SqliteTokenStore tokens = new SqliteTokenStore(ws.home())) {
            return switch (action) {
                case "create" -> create(tokens, ws.identity(as).name(), ws.clock().instant());
                case "list" -> list(tokens.list());
                case "revoke" -> revoke(tokens, ws.identity(as).name(), ws.clock().instant());
                default -> throw new UsageError("unknown token action \"" + action + "\" (use create, list or revoke)");
            };
        }
    }

    private int create(SqliteTokenStore tokens, String actor, Instant now) {
        if (user == null || user.isBlank()) throw new UsageError("token create needs --user NAME");
        Set<Role> parsed = roles(roles, "token create");
        Instant expiresAt = null;
        if (expires != null) {
            Duration d = Durations.parse(expires);
            if (d == null || d.isZero()) throw new UsageError("--expires \"" + expires + "\" is not a duration such as 30d or 12h");
            expiresAt = now.plus(d);
        }
        Issued issued = tokens.create(actor, user, parsed, now, expiresAt);
        if (json) {
            Map<String, Object> m = view(issued.info());
            m.put("token", issued.token());
            out().println(Json.write(m));
        } else {
            out().println(issued.token());
            err().println("runway: token " + issued.info().id() + " for " + user + " (" + labels(parsed) + ")"
                    + (expiresAt == null ? "" : ", expires " + expiresAt) + "; it is shown only this once");
        }
        return ExitCodes.OK;
    }

    private int list(List<TokenInfo> all) {
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            all.forEach(t -> rows.add(view(t)));
            out().println(Json.write(rows));
            return ExitCodes.OK;
        }
        out().printf("%-14s %-16s %-32s %-22s %-22s %s%n", "ID", "USER", "ROLES", "CREATED (UTC)", "EXPIRES", "STATE");
        for (TokenInfo t : all) {
            out().printf("%-14s %-16s %-32s %-22s %-22s %s%n", t.id(), t.user(), labels(t.roles()), t.createdAt(),
                    t.expiresAt() == null ? "never" : t.expiresAt(), t.revoked() ? "revoked" : "active");
        }
        return ExitCodes.OK;
    }

    private int revoke(SqliteTokenStore tokens, String actor, Instant now) {
        if (id == null) throw new UsageError("token revoke needs the token's ID (see runway token list)");
        if (!tokens.revoke(actor, id, now)) throw new UsageError("no token " + id);
        out().println("revoked token " + id);
        return ExitCodes.OK;
    }

    /** The --role options of {@code command}: at least one, each a known role. */
    static Set<Role> roles(List<String> given, String command) {
        if (given == null || given.isEmpty()) throw new UsageError(command + " needs at least one --role");
        Set<Role> parsed = EnumSet.noneOf(Role.class);
        for (String r : given) {
            parsed.add(Role.of(r).orElseThrow(() -> new UsageError("unknown role \"" + r
                    + "\" (use viewer, operator, approver, release-manager, admin or agent)")));
        }
        return parsed;
    }

    private static Map<String, Object> view(TokenInfo t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("user", t.user());
        m.put("roles", t.roles().stream().sorted().map(Role::label).toList());
        m.put("created_at", t.createdAt());
        m.put("expires_at", t.expiresAt());
        m.put("revoked", t.revoked());
        return m;
    }

    static String labels(Set<Role> roles) {
        return roles.stream().sorted(Comparator.naturalOrder()).map(Role::label).collect(Collectors.joining(","));
    }
}
