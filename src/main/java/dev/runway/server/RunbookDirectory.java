package dev.runway.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The only place runbooks started over the API come from. A client names a file inside the
 * directory; anything that would leave it (an absolute path, {@code ..}, a symlink pointing
 * out) is refused before the file is read.
 */
final class RunbookDirectory {

    private final Path root;

    RunbookDirectory(Path root) {
        try {
            this.root = root.toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("runbooks directory " + root + " cannot be read: " + e.getMessage(), e);
        }
        if (!Files.isDirectory(this.root)) throw new IllegalArgumentException("runbooks directory " + root + " is not a directory");
    }

    Path root() {
        return root;
    }

    /** The real path of a runbook named relative to the directory. */
    Path resolve(String name) {
        if (name == null || name.isBlank()) throw ApiError.invalidRunbook("name a runbook file, e.g. {\"runbook\": \"release.md\"}");
        if (name.indexOf('\0') >= 0 || name.startsWith("/") || name.startsWith("\\") || name.contains("\\")
                || name.matches("^[A-Za-z]:.*")) {
            throw ApiError.invalidRunbook("runbook \"" + printable(name) + "\" must be a path inside the runbooks directory");
        }
        Path relative = Path.of(name);
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                throw ApiError.invalidRunbook("runbook \"" + printable(name) + "\" must not contain \"..\"");
            }
        }
        Path candidate = root.resolve(relative).normalize();
        if (!candidate.startsWith(root) || !Files.isRegularFile(candidate)) {
            throw ApiError.invalidRunbook("no runbook \"" + printable(name) + "\" in the runbooks directory");
        }
        try {
            Path real = candidate.toRealPath();
            if (!real.startsWith(root)) {
                throw ApiError.invalidRunbook("runbook \"" + printable(name) + "\" links outside the runbooks directory");
            }
            return real;
        } catch (IOException e) {
            throw ApiError.invalidRunbook("runbook \"" + printable(name) + "\" cannot be read");
        }
    }

    /** Markdown runbooks in the directory and its sub-folders, as names {@link #resolve} accepts. */
    List<String> list() {
        try (Stream<Path> files = Files.walk(root, 4)) {
            return files.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> {
                        try {
                            return p.toRealPath().startsWith(root);
                        } catch (IOException e) {
                            return false;
                        }
                    })
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String printable(String name) {
        String clipped = name.length() > 200 ? name.substring(0, 200) + "…" : name;
        return clipped.replaceAll("\\p{Cntrl}", "?");
    }
}
