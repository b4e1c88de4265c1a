package io.envmon.simulator.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PayloadReadingsTest {

    private final PayloadReadings readings = new PayloadReadings();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ts\":\"2026-11-28T00:00:00Z\",\"values\":{\"pm25\":35.0},\"seq\":1}                                   | 1",
            "{\"readings\":[{\"ts\":\"a\",\"values\":{\"x\":[1,2]}},{\"ts\":\"b\",\"values\":{}},{\"ts\":\"c\"}]}     | 3",
            "{\"device\":{\"readings\":[1,2]},\"readings\":[]}                                                       | 0",
            "{\"readings\":\"not an array\"}                                                                         | 1",
            "[{\"ts\":\"a\"}]                                                                                          | -1",
            "{\"ts\": \"truncated                                                                                       | -1",
            "##STX 212 frame                                                                                           | -1"})
    void countsTheReadingsOfAMessage(String payload, int expected) {
        assertEquals(expected, readings.count(payload.trim().getBytes(StandardCharsets.UTF_8)));
    }
}
