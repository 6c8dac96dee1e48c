package dev.runway.plan;

import dev.runway.runbook.Placeholders;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Variable values for one run. Secrets are read from the process environment at bind time and
 * live only in memory: they are handed to steps and used to mask output, never stored.
 *
 * @param values  declared (and implicitly declared) variables, by name, in declaration order
 * @param secrets secret values by name
 */
public record Bindings(Map<String, String> values, Map<String, String> secrets) {

    /** What a secret's value is shown as, everywhere. */
    public static final String MASK = "***";

    /** Secrets shorter than this are not masked (they would mask ordinary text): binding refuses them. */
    public static final int SHORTEST_MASKED_SECRET = 3;

    /** The environment name under which a variable reaches shell steps. */
    public static String envName(String variable) {
        return "RUNWAY_VAR_" + variable.replaceAll("[^A-Za-z0-9_]", "_");
    }

    /** Variables and secrets as environment entries for a step's process. */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        values.forEach((k, v) -> env.put(envName(k), v));
        env.putAll(secrets);
        return env;
    }

    /**
     * A text for people: values filled in, secrets masked, names without a value left as
     * {@code {name}}. {@code display("Release {version}")} is {@code "Release 1.2.3"}.
     */
    public String display(String text) {
        return Placeholders.substitute(text, n -> secrets.containsKey(n) ? MASK : values.get(n));
    }
}
