package io.envmon.alerts.water;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Classes and qualitative status (standards.md §4.3: I–II 优, III 良好, IV 轻度污染, V 中度污染, 劣V 重度污染). */
class WaterClassTest {

    @ParameterizedTest(name = "{0}: {1} {2}")
    @CsvSource(textBlock = """
            I,            Ⅰ类,   优,       Excellent
            II,           Ⅱ类,   优,       Excellent
            III,          Ⅲ类,   良好,     Good
            IV,           Ⅳ类,   轻度污染, Lightly polluted
            V,            Ⅴ类,   中度污染, Moderately polluted
            WORSE_THAN_V, 劣Ⅴ类, 重度污染, Heavily polluted
            """)
    void labels(WaterClass c, String label, String status, String english) {
        assertEquals(label, c.chineseLabel());
        assertEquals(status, c.status());
        assertEquals(english, c.statusEnglish());
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(textBlock = """
            I,     I
            iii,   III
            ' IV ', IV
            Ⅲ,     III
            Ⅴ类,   V
            劣V,   WORSE_THAN_V
            劣Ⅴ类, WORSE_THAN_V
            """)
    void parse(String text, WaterClass expected) {
        assertEquals(expected, WaterClass.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "VI", "3", "IIII"})
    void parseRejects(String text) {
        assertThrows(IllegalArgumentException.class, () -> WaterClass.parse(text));
    }

    @Test
    void order() {
        assertTrue(WaterClass.IV.isWorseThan(WaterClass.III));
        assertTrue(WaterClass.WORSE_THAN_V.isWorseThan(WaterClass.V));
        assertEquals(WaterClass.IV, WaterClass.worst(WaterClass.II, WaterClass.IV));
    }
}
