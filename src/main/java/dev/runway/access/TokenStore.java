package dev.runway.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * API tokens: who a bearer token stands for. Only a hash of each token is stored; the token
 * itself exists once, in the {@link Issued} returned by {@link #create}.
 *
 * <pre>{@code
 * Issued t = tokens.create("bob", Set.of(Role.APPROVER), now, now.plus(Duration.ofDays(30)));
 * tokens.authenticate(t.token(), now);   // Verdict.Valid(Identity[bob, {approver}], id)
 * }</pre>
 */
public interface TokenStore {

    /** @param expiresAt null for a token that never expires */
    Issued create(String user, Set<Role> roles, Instant now, Instant expiresAt);

    Verdict authenticate(String token, Instant now);

    /** Newest first; never the tokens themselves. */
    List<TokenInfo> list();

    /** @return false when there is no token with this id */
    boolean revoke(String id);

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
