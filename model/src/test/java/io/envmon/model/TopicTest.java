package io.envmon.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TopicTest {

    @Test
    void deviceTopicsRoundTrip() {
        for (Topic t : new Topic[] {Topic.air("TG-A01"), Topic.water("XYH-01"), Topic.enterprise("E001", "DA001")}) {
            assertEquals(t, Topic.parse("bureau/env", t.render("bureau/env")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"env/air", "env/air/", "env/air/a/b", "env/enterprise/E001", "env/noise/N1", "other/air/A",
            "env/air/-lead", "env/air/" + "x" + "0123456789012345678901234567890123456789012345678901234567890123"})
    void badTopicsAreRefusedWithAReason(String topic) {
        assertThrows(IllegalArgumentException.class, () -> Topic.parse("env", topic));
    }
}
