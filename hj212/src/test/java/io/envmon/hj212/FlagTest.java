package io.envmon.hj212;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** hj212.md §1.4 and §8.3. */
class FlagTest {

    @ParameterizedTest(name = "Flag={0}: {1} A={2} D={3} reply Flag={4}")
    @CsvSource({
        "0, V2005, false, false, 0",
        "1, V2005, true, false, 0",
        "2, V2005, false, true, 0",
        "3, V2005, true, true, 0",
        "4, V2017, false, false, 4",
        "5, V2017, true, false, 4",
        "6, V2017, false, true, 4",
        "7, V2017, true, true, 4",
        "8, V2025, false, false, 8",
        "9, V2025, true, false, 8",
        "10, V2025, false, true, 8",
        "11, V2025, true, true, 8",
        "12, UNKNOWN, false, false, 12",
        "255, UNKNOWN, true, true, 252",
    })
    void decodesVersionAnswerAndSplitBits(int value, ProtocolVersion version, boolean a, boolean d, int reply) {
        Flag flag = Flag.of(value);
        assertEquals(version, flag.version());
        assertEquals(a, flag.needsAnswer());
        assertEquals(d, flag.split());
        assertEquals(reply, flag.replyValue());
    }

    @Test
    void absentFlagMeans2005WithoutAnswer() {
        assertEquals(ProtocolVersion.V2005, Flag.ABSENT.version());
        assertFalse(Flag.ABSENT.needsAnswer());
        assertFalse(Flag.ABSENT.split());
        assertFalse(Flag.ABSENT.present());
    }

    @Test
    void rejectsImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> Flag.of(-1));
        assertThrows(IllegalArgumentException.class, () -> new Flag(5, false));
    }
}
