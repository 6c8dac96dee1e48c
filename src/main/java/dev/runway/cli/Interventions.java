package dev.runway.cli;

import dev.runway.engine.Refusal;
import dev.runway.engine.StoredEvent;
import java.util.function.Supplier;

/** Turns the engine's refusals into usage errors (exit 2) for the CLI. */
final class Interventions {

    private Interventions() {}

    static StoredEvent guard(Supplier<StoredEvent> action) {
        try {
            return action.get();
        } catch (Refusal r) {
            throw new UsageError(r.getMessage());
        }
    }
}
