package dev.runway.engine;

import dev.runway.engine.step.OutputSink;

/**
 * Streams a step's output into the store for {@code runway logs --follow} in other processes,
 * in batches so a chatty step does not cost a commit per line, and only up to a budget: past
 * it, the rest is summarised by the tail kept in memory and stored when the step ends. Keeps
 * the {@link OutputDigest} of exactly what it stored, for the step's end entry to record.
 */
final class StoredOutputSink implements OutputSink {

    static final int STORED_CHARS = 256 * 1024;
    private static final long FLUSH_NANOS = 200_000_000L;
    private static final int FLUSH_CHARS = 16 * 1024;

    private final JournalStore store;
    private final String runId;
    private final String step;
    private final int attempt;
    private final RunListener listener;
    private final StringBuilder buffer = new StringBuilder();
    private final OutputDigest digest = new OutputDigest();
    private boolean finished;
    private long stored;
    private long seen;
    private long lastFlush = System.nanoTime() - FLUSH_NANOS;

    StoredOutputSink(JournalStore store, String runId, String step, int attempt, RunListener listener) {
        this.store = store;
        this.runId = runId;
        this.step = step;
        this.attempt = attempt;
        this.listener = listener;
    }

    @Override
    public synchronized void accept(String text) {
        listener.onOutput(step, text);
        // A background child may still write after the step ended (the reader gives up waiting for
        // it): shown live, but not stored, or the stored output would no longer match the journal.
        if (finished) return;
        seen += text.length();
        long room = STORED_CHARS - stored - buffer.length();
        if (room > 0) buffer.append(text, 0, (int) Math.min(room, text.length()));
        if (buffer.length() >= FLUSH_CHARS || System.nanoTime() - lastFlush >= FLUSH_NANOS) flush();
    }

    /**
     * Stores what is buffered, and the end of the output if the budget cut it off; stores nothing
     * after this.
     *
     * @return the {@link OutputDigest} of all the attempt's output this sink stored
     */
    synchronized String finish(String boundedOutput) {
        flush();
        if (seen > stored && boundedOutput != null) {
            int tail = Math.min(boundedOutput.length(), 64 * 1024);
            store("\n[… output past " + STORED_CHARS / 1024 + " KiB not stored live; its end follows …]\n"
                    + boundedOutput.substring(boundedOutput.length() - tail));
        }
        finished = true;
        return digest.hex();
    }

    /** Adds a note of Runway's own to the attempt's stored output and shows it live. */
    synchronized void finishWith(String note) {
        accept(note);
        flush();
    }

    private void flush() {
        lastFlush = System.nanoTime();
        if (buffer.isEmpty()) return;
        store(buffer.toString());
        stored += buffer.length();
        buffer.setLength(0);
    }

    private void store(String chunk) {
        store.appendOutput(runId, step, attempt, chunk);
        digest.add(chunk);
    }
}
