package io.envmon.hj212;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** hj212.md §2.2 test vectors and §8.1. */
class Hj212CrcTest {

    @ParameterizedTest(name = "{0} -> {1} (MODBUS {2})")
    @CsvSource(delimiter = '|', value = {
        "QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&& | 1C80 | 0759",
        "QN=20240601085857223;ST=32;CN=1011;PW=123456;MN=010000A8900016F000169DC0;Flag=9;CP=&&&& | 2200 | CCF4",
        "123456789 | 2F80 | 4B37",
        "A | 7080 | 707F",
    })
    void vectorsOfTheStandardAndTheNotes(String input, String hj212, String modbus) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        assertEquals(hj212, Hj212Crc.hex(Hj212Crc.compute(bytes)));
        assertEquals(hj212, Hj212Crc.of(input));
        assertEquals(modbus, Hj212Crc.hex(Hj212Crc.modbus(bytes, 0, bytes.length)));
    }

    @Test
    void emptyInputAndOneZeroByte() {
        assertEquals("FFFF", Hj212Crc.hex(Hj212Crc.compute(new byte[0])));
        assertEquals("4040", Hj212Crc.hex(Hj212Crc.compute(new byte[] {0})));
        assertEquals("40BF", Hj212Crc.hex(Hj212Crc.modbus(new byte[] {0}, 0, 1)));
    }

    @Test
    void computesOverBytesNotChars() {
        // hj212.md §2.3: Java chars would give another CRC for Chinese text
        String text = "i11001-Info=//仪器故障//";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        assertEquals(Hj212Crc.hex(Hj212Crc.compute(utf8)), Hj212Crc.of(text));
        assertTrue(utf8[14] < 0, "signed bytes are masked");
        byte[] charsAsBytes = new byte[text.length()];
        for (int i = 0; i < text.length(); i++) {
            charsAsBytes[i] = (byte) text.charAt(i);
        }
        assertFalse(Hj212Crc.compute(charsAsBytes) == Hj212Crc.compute(utf8), "a CRC over chars differs");
    }

    @Test
    void offsetAndLengthSelectTheSegment() {
        byte[] frame = TestFrames.bytes(TestFrames.APPENDIX_A);
        assertEquals(0x1C80, Hj212Crc.compute(frame, 6, 101));
    }

    @ParameterizedTest
    @CsvSource({"1C80, true", "1c80, true", "1C8O, false", "1C8, false", "01C80, false", "0000, false"})
    void comparesHexInAnyCase(String text, boolean matches) {
        assertEquals(matches, Hj212Crc.matches(text, 0x1C80));
    }

    @Test
    void zeroIsALegalCrc() {
        assertTrue(Hj212Crc.matches("0000", 0));
        assertEquals(0, Hj212Crc.parse("0000"));
        assertEquals(-1, Hj212Crc.parse("00 0"));
    }

    @Test
    void onlyEightLowBytesAndAtMost256ValuesExist() {
        // hj212.md §2.2: only 8 bits of state survive between bytes
        Random random = new Random(212);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[1 + random.nextInt(40)];
            random.nextBytes(b);
            int crc = Hj212Crc.compute(b);
            seen.add(crc);
            assertTrue(Set.of(0x00, 0x01, 0x40, 0x41, 0x80, 0x81, 0xC0, 0xC1).contains(crc & 0xFF),
                    "low byte of " + Hj212Crc.hex(crc));
        }
        assertTrue(seen.size() <= 256);
        assertFalse(seen.isEmpty());
    }

    @Test
    void swapsBytes() {
        assertEquals(0x5907, Hj212Crc.swapBytes(0x0759));
    }
}
