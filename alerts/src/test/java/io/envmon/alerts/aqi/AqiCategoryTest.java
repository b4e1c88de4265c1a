package io.envmon.alerts.aqi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** HJ 633 Table 2 bands and Appendix A Table A.1 colours (standards.md §1.4), at every band edge. */
class AqiCategoryTest {

    @ParameterizedTest(name = "AQI {0} → level {1} {3}")
    @CsvSource(textBlock = """
            # AQI, level, 级别, 类别,    English,              R,   G,   B,  hex
            0,    1, 一级, 优,       Excellent,             0, 228,   0, #00E400
            1,    1, 一级, 优,       Excellent,             0, 228,   0, #00E400
            50,   1, 一级, 优,       Excellent,             0, 228,   0, #00E400
            51,   2, 二级, 良,       Good,                255, 255,   0, #FFFF00
            100,  2, 二级, 良,       Good,                255, 255,   0, #FFFF00
            101,  3, 三级, 轻度污染, Lightly polluted,    255, 126,   0, #FF7E00
            150,  3, 三级, 轻度污染, Lightly polluted,    255, 126,   0, #FF7E00
            151,  4, 四级, 中度污染, Moderately polluted, 255,   0,   0, #FF0000
            200,  4, 四级, 中度污染, Moderately polluted, 255,   0,   0, #FF0000
            201,  5, 五级, 重度污染, Heavily polluted,    153,   0,  76, #99004C
            300,  5, 五级, 重度污染, Heavily polluted,    153,   0,  76, #99004C
            301,  6, 六级, 严重污染, Severely polluted,   126,   0,  35, #7E0023
            500,  6, 六级, 严重污染, Severely polluted,   126,   0,  35, #7E0023
            """)
    void bandEdges(int aqi, int level, String levelName, String chinese, String english, int r, int g, int b,
                   String hex) {
        AqiCategory category = AqiCategory.of(aqi);
        assertEquals(level, category.level());
        assertEquals(levelName, category.levelName());
        assertEquals(chinese, category.chineseName());
        assertEquals(english, category.englishName());
        assertEquals(r, category.red());
        assertEquals(g, category.green());
        assertEquals(b, category.blue());
        assertEquals(hex, category.hex());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            EXCELLENT,             0,  50, 40,0,100,0
            GOOD,                 51, 100, 0,0,100,0
            LIGHTLY_POLLUTED,    101, 150, 0,52,100,0
            MODERATELY_POLLUTED, 151, 200, 0,100,100,0
            HEAVILY_POLLUTED,    201, 300, 10,100,40,30
            """)
    void bandsAndCmyk(AqiCategory category, int min, int max, String c, String m, String y, String k) {
        assertEquals(min, category.minAqi());
        assertEquals(max, category.maxAqi());
        assertEquals(String.join(",", c, m, y, k), category.cmyk());
    }

    @Test
    void hexMatchesRgb() {
        for (AqiCategory category : AqiCategory.values()) {
            assertEquals(category.hex(),
                    String.format("#%02X%02X%02X", category.red(), category.green(), category.blue()));
        }
    }

    @Test
    void notTheUsEpaPurple() {
        assertEquals("#99004C", AqiCategory.HEAVILY_POLLUTED.hex());
    }

    @Test
    void negativeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> AqiCategory.of(-1));
    }
}
