package dev.runway.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --var name=value} pairs; a value may itself contain '='. */
final class VarOptions {

    private VarOptions() {}

    static Map<String, String> parse(List<String> pairs) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (pairs == null) return vars;
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            if (eq <= 0) throw new UsageError("--var needs NAME=VALUE, got \"" + pair + "\"");
            String name = pair.substring(0, eq);
            if (vars.containsKey(name)) throw new UsageError("--var " + name + " is given twice");
            vars.put(name, pair.substring(eq + 1));
        }
        return vars;
    }
}
