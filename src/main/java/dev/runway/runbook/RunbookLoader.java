package dev.runway.runbook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Entry point of the format: a file (or a stored source text) in, a {@link Runbook} out. Never
 * throws for anything wrong with the content; every problem is a {@link Diagnostic} in
 * {@link Runbook#diagnostics()}, so {@code runway lint} reports all of them at once.
 *
 * <pre>{@code
 * Runbook rb = RunbookLoader.load(Path.of("runbooks/deploy.md"));
 * rb.diagnostics().forEach(d -> System.err.println(d.format()));
 * }</pre>
 */
public final class RunbookLoader {

    private RunbookLoader() {}

    /** Reads and parses a file. The file name in diagnostics is {@code path} as given. */
    public static Runbook load(Path path) {
        String file = path.toString();
        if (Files.isDirectory(path)) {
            return failed(file, "is a directory, not a runbook file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            return failed(file, "file not found");
        } catch (IOException e) {
            return failed(file, "cannot read file: " + e.getMessage());
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        String source;
        try {
            source = decoder.decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return notUtf8(file, bytes);
        }
        return parse(file, source);
    }

    /**
     * Parses source text; the format is chosen by the file name's extension ({@code .yaml} and
     * {@code .yml} are YAML runbooks, anything else Markdown). Deterministic: the same text
     * always gives the same steps and ids, which is what lets a run resume from its stored source.
     */
    public static Runbook parse(String fileName, String source) {
        Problems problems = new Problems(fileName);
        // A byte-order mark and Windows line ends are editor artefacts, not content.
        String text = source.startsWith("\uFEFF") ? source.substring(1) : source;
        text = text.replace("\r\n", "\n");
        if (text.isBlank()) {
            problems.error("empty", 1, 1, "runbook is empty");
            return new Runbook(fileName, null, FrontMatterReader.empty(), List.of(), List.of(), problems.sorted(), source);
        }
        String lower = fileName.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".yaml") || lower.endsWith(".yml")) {
            return new YamlRunbookParser(problems).parse(text);
        }
        return new MarkdownRunbookParser(problems).parse(text);
    }

    private static Runbook failed(String file, String message) {
        Problems problems = new Problems(file);
        problems.error("unreadable", 1, 1, message);
        return new Runbook(file, null, FrontMatterReader.empty(), List.of(), List.of(), problems.sorted(), "");
    }

    /** Locates the first byte that is not valid UTF-8, counting lines and characters before it. */
    private static Runbook notUtf8(String file, byte[] bytes) {
        int line = 1;
        int column = 1;
        int i = 0;
        while (i < bytes.length) {
            int b = bytes[i] & 0xff;
            int len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xe ? 3 : (b >> 3) == 0x1e ? 4 : 0;
            boolean ok = len > 0 && i + len <= bytes.length;
            if (ok && len > 1) {
                byte[] seq = java.util.Arrays.copyOfRange(bytes, i, i + len);
                try {
                    StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(seq));
                } catch (CharacterCodingException e) {
                    ok = false;
                }
            }
            if (!ok) {
                break;
            }
            if (b == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            i += len;
        }
        Problems problems = new Problems(file);
        int bad = i < bytes.length ? bytes[i] & 0xff : 0;
        problems.error("encoding", line, column, String.format("file is not valid UTF-8 (byte 0x%02x)", bad));
        return new Runbook(file, null, FrontMatterReader.empty(), List.of(), List.of(), problems.sorted(), "");
    }
}
