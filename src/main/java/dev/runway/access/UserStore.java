package dev.runway.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * People who sign in to the web UI with a password, and their browser sessions. Holds
 * password hashes ({@link Passwords}) and hashes of session ids, never either secret.
 *
 * <pre>{@code
 * users.add("alice", Set.of(Role.RELEASE_MANAGER), Passwords.hash(password), now);
 * NewSession s = users.openSession("alice", now);        // s.id() goes into the cookie
 * users.session(s.id(), now.plusSeconds(60), Duration.ofHours(8));   // Optional[Session[alice, …]]
 * }</pre>
 */
public interface UserStore {

    /** @return false when a user of that name exists already */
    boolean add(String name, Set<Role> roles, String passwordHash, Instant now);

    /** Removes the user and ends every session of theirs. @return false when there is no such user */
    boolean remove(String name);

    /** By name. */
    List<User> list();

    Optional<User> find(String name);

    /** Starts a session for an existing user: the id is returned once, only its hash is stored. */
    NewSession openSession(String user, Instant now);

    /**
     * The live session with this id, its last use moved to {@code now}; empty when unknown or
     * idle for {@code idle} or longer (an idle session is ended here).
     */
    Optional<Session> session(String id, Instant now, java.time.Duration idle);

    void endSession(String id);

    record User(String name, Set<Role> roles, String passwordHash, Instant createdAt) {
        public Identity identity() {
            return new Identity(name, Set.copyOf(roles.stream().map(Role::label).toList()));
        }
    }

    /** @param id the secret for the cookie; @param csrf the token unsafe requests of this session must carry */
    record NewSession(String id, String csrf) {}

    record Session(User user, String csrf, Instant lastSeen) {}
}
