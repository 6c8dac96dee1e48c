package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Run variables read back exactly as written, whichever reader takes them. */
class VarsJsonTest {

    private static final String ALPHABET = "aZ09.-_ /:;,{}[]$`'\"\\\n\t\u0001é€😀\u2028=?*&|<>";

    @Test
    void every_map_of_variables_reads_back_equal_in_order() throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            Map<String, String> vars = new LinkedHashMap<>();
            int size = random.nextInt(5);
            for (int k = 0; k < size; k++) vars.put(text(random, 1 + random.nextInt(8)), text(random, random.nextInt(12)));
            String json = VarsJson.write(vars);
            assertThat(VarsJson.read(json)).as(json).containsExactlyEntriesOf(vars);
        }
    }

    @Test
    void the_fast_reader_agrees_with_jackson_or_declines() throws IOException {
        for (String json : new String[] {"{}", "{\"version\":\"1.4.2\"}", "{\"a\":\"\",\"b\":\"x,y:z}\"}", "{\"a\":\"1\",\"a\":\"2\"}",
                "{ \"a\":\"1\"}", "{\"a\":1}", "{\"a\":\"1\",}", "{\"a\"}", "{\"a\":\"x\\\"y\"}", "{\"k\":\"é😀\"}"}) {
            Map<String, String> fast = VarsJson.unescaped(json);
            if (fast != null) assertThat(fast).as(json).containsExactlyEntriesOf(VarsJson.read(json.replace("{", "{ ")));
        }
        assertThat(VarsJson.unescaped("{\"a\":\"1\",\"a\":\"2\"}")).as("duplicate names go to Jackson").isNull();
        assertThat(VarsJson.unescaped("{\"a\":1}")).as("a number goes to Jackson").isNull();
        assertThat(VarsJson.unescaped("{\"a\":\"x\\\"y\"}")).as("an escape goes to Jackson").isNull();
        assertThat(VarsJson.unescaped("{\"version\":\"1.4.2\",\"env\":\"prod\"}"))
                .containsExactly(Map.entry("version", "1.4.2"), Map.entry("env", "prod"));
    }

    @Test
    void text_that_is_not_an_object_of_strings_is_refused() {
        assertThatThrownBy(() -> VarsJson.read("[]")).isInstanceOf(IOException.class).hasMessage("run variables are not a JSON object");
        assertThatThrownBy(() -> VarsJson.read("{\"a\":")).isInstanceOf(IOException.class);
    }

    private static String text(SplittableRandom random, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int at = random.nextInt(ALPHABET.length());
            if (Character.isHighSurrogate(ALPHABET.charAt(at))) {
                sb.append(ALPHABET, at, at + 2);
            } else if (Character.isLowSurrogate(ALPHABET.charAt(at))) {
                sb.append('x');
            } else {
                sb.append(ALPHABET.charAt(at));
            }
        }
        return sb.toString();
    }
}
