package dev.runway.access;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes for browser sign-in: PBKDF2-HMAC-SHA256 from the JDK, a random salt per
 * user, and the iteration count OWASP asks for. Stored as
 * {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (Base64), so the count can rise later without
 * invalidating existing hashes.
 *
 * <pre>{@code
 * String stored = Passwords.hash("correct horse".toCharArray());
 * Passwords.matches("correct horse".toCharArray(), stored);   // true
 * }</pre>
 */
public final class Passwords {

    public static final int ITERATIONS = 210_000;
    private static final String SCHEME = "pbkdf2-sha256";
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {}

    public static String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return SCHEME + "$" + ITERATIONS + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(derive(password, salt, ITERATIONS));
    }

    /** Whether {@code password} matches {@code stored}; a null {@code stored} (no such user) never matches, in the same time. */
    public static boolean matches(char[] password, String stored) {
        String[] parts = (stored == null ? Decoy.HASH : stored).split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) throw new IllegalArgumentException("not a " + SCHEME + " password hash");
        Base64.Decoder b64 = Base64.getDecoder();
        byte[] expected = b64.decode(parts[3]);
        byte[] actual = derive(password, b64.decode(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual) && stored != null;
    }

    /** Constant-time equality of two secrets given as text (session CSRF tokens). */
    public static boolean same(String a, String b) {
        if (a == null || b == null) return false;
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        KeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            ((PBEKeySpec) spec).clearPassword();
        }
    }

    /** Compared against when the user does not exist, so an unknown name costs as much time as a wrong password. */
    private static final class Decoy {
        static final String HASH = hash("decoy password".toCharArray());
    }
}
