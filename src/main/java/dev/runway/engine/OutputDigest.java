package dev.runway.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The SHA-256 of a step attempt's stored output: of the UTF-8 of each chunk the store holds, in
 * the order they were stored. The step's end entry in the journal records it
 * ({@link RunEvent.StepSucceeded#outputSha256()}), and {@code audit verify} computes it again
 * from the stored chunks, so output edited or deleted behind Runway's back no longer matches.
 *
 * <pre>{@code
 * OutputDigest d = new OutputDigest();
 * chunks.forEach(d::add);
 * boolean intact = d.hex().equals(stepSucceeded.outputSha256());
 * }</pre>
 */
public final class OutputDigest {

    /** Of an attempt that stored nothing: SHA-256 of no bytes. */
    public static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /**
     * Made at the first chunk: most steps store no output, and a sink is made for every step,
     * readied ones included, on the engine's thread, where looking up the algorithm cost more
     * than the rest of the sink.
     */
    private MessageDigest sha256;

    public void add(String chunk) {
        if (sha256 == null) {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime has SHA-256", e);
            }
        }
        sha256.update(chunk.getBytes(StandardCharsets.UTF_8));
    }

    /** The digest of the chunks added so far, as 64 lowercase hex digits; more may be added after. */
    public String hex() {
        if (sha256 == null) return EMPTY;
        try {
            return HexFormat.of().formatHex(((MessageDigest) sha256.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the runtime's SHA-256 cannot be copied", e);
        }
    }
}
