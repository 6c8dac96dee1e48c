package dev.runway.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.runway.engine.RunEvent;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns journal events into the JSON stored in the {@code payload} column and back. */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static final Map<String, Class<? extends RunEvent>> TYPES = Arrays
            .stream(RunEvent.class.getPermittedSubclasses())
            .map(c -> c.asSubclass(RunEvent.class))
            .collect(Collectors.toMap(EventCodec::typeOf, Function.identity()));

    private EventCodec() {}

    public static String encode(RunEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + event.type(), e);
        }
    }

    public static RunEvent decode(String type, String payload) {
        Class<? extends RunEvent> cls = TYPES.get(type);
        if (cls == null) throw new IllegalStateException("unknown journal event type \"" + type + "\"");
        try {
            return MAPPER.readValue(payload, cls);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("journal entry of type " + type + " is not readable: " + e.getOriginalMessage(), e);
        }
    }

    private static String typeOf(Class<? extends RunEvent> cls) {
        // Each record's type() is a constant; ask a prototype built from default component values.
        try {
            var components = cls.getRecordComponents();
            Object[] args = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                args[i] = types[i] == int.class ? 0 : types[i] == boolean.class ? false : types[i] == long.class ? 0L : null;
            }
            return cls.getDeclaredConstructor(types).newInstance(args).type();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + cls.getSimpleName(), e);
        }
    }
}
