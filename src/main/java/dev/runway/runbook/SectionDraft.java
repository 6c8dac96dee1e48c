package dev.runway.runbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** A {@code ##} section while its document is read: its role and the notes it gathers. */
final class SectionDraft {
    private static final Pattern NUMBERING = Pattern.compile("^\\s*\\d+(\\.\\d+)*\\.?\\s+");

    final String title;
    final int line;
    final Section.Role role;
    final List<String> notes = new ArrayList<>();

    SectionDraft(String title, int line, FrontMatter front) {
        this.title = title;
        this.line = line;
        this.role = role(title, front.informational());
    }

    static Section.Role role(String title, List<String> informational) {
        if (title.toLowerCase(Locale.ROOT).contains("rollback")) {
            return Section.Role.ROLLBACK;
        }
        String bare = NUMBERING.matcher(title).replaceFirst("").strip().toLowerCase(Locale.ROOT);
        return informational.contains(bare) ? Section.Role.INFORMATIONAL : Section.Role.PHASE;
    }

    Section section() {
        return new Section(title, line, role, List.copyOf(notes));
    }
}
