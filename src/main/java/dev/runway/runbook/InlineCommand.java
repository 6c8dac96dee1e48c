package dev.runway.runbook;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether inline code in a {@code - [ ]} item is a command the check runs. Checklists name
 * files as often as commands ("Update `CHANGELOG.md`", "`package.json` bumped"), and a file name
 * run as a command fails every release, so only what is clearly executable is run:
 *
 * <ul>
 *   <li>a command line with arguments: {@code npm run uat}, {@code make all}</li>
 *   <li>a path: {@code ./check.sh}, {@code ../x}, {@code /usr/bin/check}, {@code ~/bin/x}</li>
 *   <li>a script: {@code scripts/check.sh}, {@code check.py}, or a file in a directory of
 *       executables ({@code bin/check}, {@code scripts/verify})</li>
 * </ul>
 *
 * Anything else ({@code make}, {@code main}, {@code release/1.2}, {@code docs/changelog.md}) stays
 * for a person to confirm, and the parser says so with a warning: a bare word may be an
 * executable, but the plan cannot know what is installed where the run happens.
 */
final class InlineCommand {
    private static final Set<String> SCRIPT_EXTENSIONS = Set.of(
            "sh", "bash", "zsh", "ksh", "py", "rb", "pl", "php", "js", "mjs", "ts", "ps1", "lua");
    private static final Set<String> EXECUTABLE_DIRECTORIES = Set.of("bin", "sbin", "scripts", "script");
    private static final Pattern ARGUMENTS = Pattern.compile(".*\\S\\s+\\S.*", Pattern.DOTALL);
    private static final Pattern FILE_NAME = Pattern.compile("[^/]*[A-Za-z0-9_-]\\.[A-Za-z][A-Za-z0-9]*");

    /** How a span of inline code reads. */
    enum Reading { COMMAND, FILE, UNKNOWN }

    private InlineCommand() {}

    static Reading read(String code) {
        String c = code.strip();
        if (ARGUMENTS.matcher(c).matches()) return Reading.COMMAND;
        if (c.startsWith("./") || c.startsWith("../") || c.startsWith("/") || c.startsWith("~/")) return Reading.COMMAND;
        String[] parts = c.split("/");
        String name = parts.length == 0 ? "" : parts[parts.length - 1];
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        if (SCRIPT_EXTENSIONS.contains(extension)) return Reading.COMMAND;
        for (int i = 0; i < parts.length - 1; i++) {
            if (EXECUTABLE_DIRECTORIES.contains(parts[i])) return Reading.COMMAND;
        }
        return c.endsWith("/") || FILE_NAME.matcher(name).matches() ? Reading.FILE : Reading.UNKNOWN;
    }
}
