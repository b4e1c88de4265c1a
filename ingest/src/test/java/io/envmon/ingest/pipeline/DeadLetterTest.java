package io.envmon.ingest.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.model.RejectReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterTest {

    private static final String FRAME = "##0101QN=20160801085857223;ST=32;CN=2011;PW=123456;MN=010000A8900016F000169DC0;"
            + "Flag=5;CP=&&DataTime=20160801085857;a34004-Rtd=99&&1C80\r\n";

    @Test
    void anHj212PasswordNeverLeavesInADeadLetter() {
        DeadLetter d = new DeadLetter(RejectReason.UNAUTHORIZED, "frame PW=123456 refused", "env/hj212/x", null, FRAME,
                Instant.parse("2026-12-05T00:00:00Z"));
        String json = new String(new DeadLetterCodec().encode(d), StandardCharsets.UTF_8);
        assertFalse(json.contains("123456"), json);
        assertTrue(d.payload().contains(";PW=***;MN=010000A8900016F000169DC0;"), d.payload());
        assertEquals("frame PW=*** refused", d.detail());
    }

    @Test
    void anEmptyPasswordAndOtherTextStayAsTheyAre() {
        assertEquals("ST=32;PW=***;MN=1", DeadLetter.masked("ST=32;PW=;MN=1"));
        assertEquals("{\"ts\": 1, \"values\": {}}", DeadLetter.masked("{\"ts\": 1, \"values\": {}}"));
    }
}
