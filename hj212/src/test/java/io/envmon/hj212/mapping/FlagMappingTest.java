package io.envmon.hj212.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** hj212.md §4.4, standards.md §5.2, CONTRACT §2. */
class FlagMappingTest {

    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "NULL", value = {
        "NULL, N", "'', N", "N, N", "F, F", "M, M", "S, S", "D, D", "C, C", "T, T", "B, B", "n, N", "' D ', D",
        "P, D", "0, C", "1, N", "2, D", "3, N",
    })
    void knownFlags(String raw, String letter) {
        FlagMapping.MappedFlag f = FlagMapping.map(raw);
        assertEquals(letter, f.letter());
        assertNull(f.problem());
    }

    @ParameterizedTest(name = "''{0}'' -> {1} with a problem")
    @CsvSource({"H, H", "Md, M", "St, S", "x, X", "9, 9", "异常, D"})
    void unknownFlagsAreKeptAsOneCharacterAndReported(String raw, String letter) {
        FlagMapping.MappedFlag f = FlagMapping.map(raw);
        assertEquals(letter, f.letter());
        assertNotNull(f.problem());
    }
}
