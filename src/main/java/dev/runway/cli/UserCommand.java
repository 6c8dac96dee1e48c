package dev.runway.cli;

import dev.runway.access.Passwords;
import dev.runway.access.Role;
import dev.runway.access.UserStore.User;
import dev.runway.store.SqliteUserStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "user", mixinStandardHelpOptions = true,
        description = {"People who sign in to runway serve's web UI: user add NAME --role R [--role R2] --password-stdin,",
                "user list, user remove NAME. Only a PBKDF2 hash of the password is stored."})
final class UserCommand extends BaseCommand {

    static final int MIN_PASSWORD = 8;
    private static final int MAX_PASSWORD_BYTES = 1024;

    @Parameters(index = "0", paramLabel = "ACTION", description = "add, list or remove")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME")
    String name;

    @Option(names = "--role", paramLabel = "ROLE",
            description = "viewer, operator, approver, release-manager, admin or agent (repeatable)")
    List<String> roles;

    @Option(names = "--password-stdin", description = "Read the password from the first line of standard input.")
    boolean passwordStdin;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    boolean readsOnly() {
        return !action.equals("add");
    }

    @Override
    int execute(Workspace ws) throws IOException {
        // Listing or removing in a home without a store has nothing to act on, and must not create one.
        if (!ws.hasStore() && action.equals("list")) return list(List.of());
        if (!ws.hasStore() && action.equals("remove")) throw new UsageError("no users yet in " + ws.home());
        try (SqliteUserStore users = new SqliteUserStore(ws.home())) {
            return switch (action) {
                case "add" -> add(users, ws);
                case "list" -> list(users.list());
                case "remove" -> remove(users);
                default -> throw new UsageError("unknown user action \"" + action + "\" (use add, list or remove)");
            };
        }
    }

    private int add(SqliteUserStore users, Workspace ws) throws IOException {
        if (name == null || name.isBlank()) throw new UsageError("user add needs a NAME");
        if (!dev.runway.access.Identity.NAME.matcher(name).matches()) {
            throw new UsageError("user name \"" + name + "\" must be " + dev.runway.access.Identity.NAME_RULE);
        }
        Set<Role> parsed = TokenCommand.roles(roles, "user add");
        if (!passwordStdin) throw new UsageError("user add needs --password-stdin: a password is never taken as an argument");
        char[] password = firstLine(System.in);
        try {
            if (password.length < MIN_PASSWORD) {
                throw new UsageError("the password must be at least " + MIN_PASSWORD + " characters");
            }
            if (!users.add(name, parsed, Passwords.hash(password), ws.clock().instant())) {
                throw new UsageError("user " + name + " exists already (remove it first to change it)");
            }
        } finally {
            Arrays.fill(password, '\0');
        }
        err().println("runway: user " + name + " (" + TokenCommand.labels(parsed) + ") can sign in to the web UI");
        return ExitCodes.OK;
    }

    private int list(List<User> all) {
        if (json) {
            List<Map<String, Object>> rows = new ArrayList<>();
            for (User u : all) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("name", u.name());
                m.put("roles", u.roles().stream().sorted().map(Role::label).toList());
                m.put("created_at", u.createdAt());
                rows.add(m);
            }
            out().println(Json.write(rows));
            return ExitCodes.OK;
        }
        out().printf("%-24s %-32s %s%n", "NAME", "ROLES", "CREATED (UTC)");
        for (User u : all) out().printf("%-24s %-32s %s%n", u.name(), TokenCommand.labels(u.roles()), u.createdAt());
        return ExitCodes.OK;
    }

    private int remove(SqliteUserStore users) {
        if (name == null) throw new UsageError("user remove needs the user's NAME");
        if (!users.remove(name)) throw new UsageError("no user " + name);
        out().println("removed user " + name + " and ended their sessions");
        return ExitCodes.OK;
    }

    /** The first line of {@code in} without its line ending, never as a String (which would linger in the heap). */
    private static char[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (bytes.size() >= MAX_PASSWORD_BYTES) throw new UsageError("the password is longer than " + MAX_PASSWORD_BYTES + " bytes");
            bytes.write(b);
        }
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw, 0, length));
        Arrays.fill(raw, (byte) 0);
        char[] out = new char[chars.remaining()];
        chars.get(out);
        return out;
    }
}
