package dev.runway.engine.step;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Replaces secret values with {@code ***} wherever text leaves a step: output, reasons,
 * reports. Longer secrets are replaced first so one secret containing another is fully hidden.
 */
public final class SecretMasker {

    public static final String MASK = "***";
    public static final SecretMasker NONE = new SecretMasker(List.of());

    private final List<String> secrets;

    public SecretMasker(Collection<String> secrets) {
        // Very short values would mask ordinary text everywhere and protect nothing; binding refuses them.
        this.secrets = secrets.stream().filter(s -> s != null && s.length() >= dev.runway.plan.Bindings.SHORTEST_MASKED_SECRET)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    public String mask(String text) {
        if (text == null || secrets.isEmpty()) return text;
        String out = text;
        for (String s : secrets) out = out.replace(s, MASK);
        return out;
    }

    /** Length of the longest secret: how much text may straddle a chunk boundary unmasked. */
    public int longest() {
        return secrets.isEmpty() ? 0 : secrets.get(0).length();
    }
}
