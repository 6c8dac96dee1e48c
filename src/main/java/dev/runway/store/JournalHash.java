package dev.runway.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain over journal rows: each row's hash covers its own fields and the previous
 * row's hash. Fields are length-prefixed so that no two different rows hash alike by moving
 * text from one field to the next.
 */
public final class JournalHash {

    public static final String GENESIS = "0".repeat(64);

    private JournalHash() {}

    public static String of(String prevHash, long seq, String runId, Integer runSeq, String at, String actor,
                            String type, String payload) {
        MessageDigest sha = sha256();
        for (String field : new String[] {prevHash, Long.toString(seq), runId, runSeq == null ? null : runSeq.toString(),
                at, actor, type, payload}) {
            byte[] bytes = field == null ? new byte[0] : field.getBytes(StandardCharsets.UTF_8);
            sha.update((field == null ? "-1" : Integer.toString(bytes.length)).getBytes(StandardCharsets.US_ASCII));
            sha.update((byte) ':');
            sha.update(bytes);
        }
        return HexFormat.of().formatHex(sha.digest());
    }


    /** Looking the algorithm up through the providers costs more than hashing a row; clone a prototype. */
    private static final MessageDigest PROTOTYPE = lookUp();

    private static MessageDigest sha256() {
        try {
            return (MessageDigest) PROTOTYPE.clone();
        } catch (CloneNotSupportedException e) {
            return lookUp();
        }
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
