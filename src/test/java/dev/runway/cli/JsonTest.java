package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streaming writer prints what the object mapper would, character for character. */
class JsonTest {

    @Test
    void a_run_document_is_written_as_the_mapper_writes_it() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("run", "20261202-061551-igo9xo");
        doc.put("status", "succeeded");
        doc.put("vars", new LinkedHashMap<>(Map.of("version", "1.4.2")));
        doc.put("empty_vars", new LinkedHashMap<>());
        doc.put("started_at", Instant.parse("2026-12-02T06:15:51.695759199Z"));
        doc.put("whole_second", Instant.parse("2026-12-02T06:15:51Z"));
        doc.put("millis", Instant.parse("2026-12-02T06:15:51.100Z"));
        doc.put("finished_at", null);
        doc.put("attempt", 3);
        doc.put("duration_ms", 146_292L);
        doc.put("value", 0.1 + 0.2);
        doc.put("nan", Double.NaN);
        doc.put("rollback", true);
        doc.put("text", "quote \" backslash \\ newline \n tab \t control \u0001 unicode é😀 \u2028");
        List<Object> steps = new ArrayList<>();
        steps.add(Map.of("id", "build"));
        steps.add(List.of());
        steps.add(null);
        doc.put("steps", steps);

        assertThat(Json.write(doc)).isEqualTo(Json.withMapper(doc));
        assertThat(Json.write(List.of())).isEqualTo(Json.withMapper(List.of()));
        assertThat(Json.write(List.of(doc, doc))).isEqualTo(Json.withMapper(List.of(doc, doc)));
    }

    record Other(String name) {}

    @Test
    void anything_else_goes_to_the_mapper() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("first", List.of("streamed before the record is met"));
        doc.put("other", new Other("x"));
        assertThat(Json.write(doc)).isEqualTo("{\n  \"first\" : [ \"streamed before the record is met\" ],\n"
                + "  \"other\" : {\n    \"name\" : \"x\"\n  }\n}");
        assertThat(Json.write(Map.of(1, "a number as a key"))).isEqualTo(Json.withMapper(Map.of(1, "a number as a key")));
    }
}
