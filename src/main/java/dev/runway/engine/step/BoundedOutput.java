package dev.runway.engine.step;

import java.nio.charset.StandardCharsets;

/**
 * Keeps what a step printed within a fixed budget: the first {@code headLimit} characters and
 * the last {@code tailLimit}, with a marker saying how much was dropped between. A step that
 * prints 500 MB costs the same memory as one that prints 300 KB.
 */
public final class BoundedOutput {

    private final int headLimit;
    private final int tailLimit;
    private final StringBuilder head = new StringBuilder();
    /** Allocated on the first character past the head: most steps print far less than the head holds. */
    private char[] tail;
    private int tailStart;
    private int tailSize;
    private long dropped;
    private long totalBytes;

    public BoundedOutput(int headLimit, int tailLimit) {
        this.headLimit = headLimit;
        this.tailLimit = tailLimit;
    }

    public void append(String text) {
        totalBytes += text.getBytes(StandardCharsets.UTF_8).length;
        int i = 0;
        if (head.length() < headLimit) {
            int take = Math.min(headLimit - head.length(), text.length());
            head.append(text, 0, take);
            i = take;
        }
        if (i < text.length() && tail == null) tail = new char[tailLimit];
        for (; i < text.length(); i++) {
            if (tailSize == tailLimit) {
                tailStart = (tailStart + 1) % tailLimit;
                tailSize--;
                dropped++;
            }
            tail[(tailStart + tailSize) % tailLimit] = text.charAt(i);
            tailSize++;
        }
    }

    public long totalBytes() {
        return totalBytes;
    }

    public boolean truncated() {
        return dropped > 0;
    }

    /** Head, a marker if anything was dropped, then tail. */
    public String text() {
        StringBuilder out = new StringBuilder(head.length() + tailSize + 64);
        out.append(head);
        if (dropped > 0) {
            out.append("\n[… ").append(dropped).append(" characters omitted …]\n");
        }
        for (int i = 0; i < tailSize; i++) out.append(tail[(tailStart + i) % tailLimit]);
        return out.toString();
    }

    /** The last {@code lines} lines, for excerpts in events and reports. */
    public static String lastLines(String text, int lines, int maxChars) {
        if (text == null || text.isEmpty()) return "";
        int end = text.length();
        int pos = end;
        int count = 0;
        if (text.endsWith("\n")) pos--;
        while (pos > 0 && count < lines) {
            pos = text.lastIndexOf('\n', pos - 1);
            if (pos < 0) { pos = 0; break; }
            count++;
        }
        String excerpt = text.substring(pos == 0 ? 0 : pos + 1);
        return excerpt.length() > maxChars ? excerpt.substring(excerpt.length() - maxChars) : excerpt;
    }
}
