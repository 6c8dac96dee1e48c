package dev.runway.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API tokens: who a bearer token stands for. Only a hash of each token is stored; the token
 * itself exists once, in the {@link Issued} returned by {@link #create}. Creating and revoking
 * a token are audit events: each is journaled, with its actor, in the same transaction.
 *
 * <pre>{@code
 * Issued t = tokens.create("root", "bob", Set.of(Role.APPROVER), now, now.plus(Duration.ofDays(30)));
 * tokens.authenticate(t.token(), now);   // Verdict.Valid(Identity[bob, {approver}], id)
 * }</pre>
 */
public interface TokenStore {

    /**
     * @param actor     who creates the token, for the journal
     * @param expiresAt null for a token that never expires
     */
    Issued create(String actor, String user, Set<Role> roles, Instant now, Instant expiresAt);

    Verdict authenticate(String token, Instant now);

    /** Newest first; never the tokens themselves. */
    List<TokenInfo> list();

    /**
     * Revokes a token; revoking it again changes (and journals) nothing.
     *
     * @return false when there is no token with this id
     */
    boolean revoke(String actor, String id, Instant now);

    Optional<TokenInfo> find(String id);

    /** A freshly created token: shown to the person once. */
    record Issued(TokenInfo info, String token) {}

    record TokenInfo(String id, String user, Set<Role> roles, Instant createdAt, Instant expiresAt, boolean revoked) {
        public Identity identity() {
            return new Identity(user, Set.copyOf(roles.stream().map(Role::label).toList()));
        }
    }

    /** The outcome of presenting a token. */
    sealed interface Verdict {
        record Valid(TokenInfo token) implements Verdict {}

        record Unknown() implements Verdict {}

        record Expired(TokenInfo token) implements Verdict {}

        record Revoked(TokenInfo token) implements Verdict {}
    }
}
