package io.envmon.ingest.hj212;

import static io.envmon.ingest.hj212.Hj212TestKit.AIR_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.REGISTRY;
import static io.envmon.ingest.hj212.Hj212TestKit.STACK_MN;
import static io.envmon.ingest.hj212.Hj212TestKit.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.Hj212Codec;
import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.mapping.DevicePasswords;
import io.envmon.hj212.mapping.Hj212Devices;
import io.envmon.ingest.hj212.Hj212Admission.Admitted;
import io.envmon.ingest.hj212.Hj212Admission.Refused;
import io.envmon.ingest.hj212.Hj212Metrics.FrameOutcome;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Device passwords: required by default, from the passwords file or the registry (docs/hj212.md, "Device passwords"). */
class Hj212AdmissionTest {

    static byte[] realtime(String mn, String pw) {
        return frame("QN=20261128095900001;ST=22;CN=2011;PW=" + pw + ";MN=" + mn
                + ";Flag=5;CP=&&DataTime=20261128095900;a34004-Rtd=35.2&&");
    }

    static Hj212Admission admission(DevicePasswords passwords, boolean required) {
        return new Hj212Admission(new Hj212Codec(Hj212Config.lenient()),
                new Hj212Devices(REGISTRY, Hj212Config.DEFAULT_ZONE, passwords), required);
    }

    /** Before, a device whose entry set no password took frames with any PW: anyone knowing its MN wrote as it. */
    @Test
    void aDeviceWithNoPasswordHasItsFramesRefusedByDefault() {
        Hj212Admission byDefault = new Hj212Admission(new Hj212Codec(Hj212Config.lenient()),
                new Hj212Devices(REGISTRY, Hj212Config.DEFAULT_ZONE));
        Refused refused = assertInstanceOf(Refused.class, byDefault.admit(realtime(AIR_MN, "123456")));
        assertEquals(FrameOutcome.NO_PASSWORD, refused.outcome());
        assertEquals("unauthorized", refused.rejection().reason().code());
        assertTrue(refused.rejection().detail().contains("has no password configured")
                && refused.rejection().detail().contains("ENVMON_HJ212_PASSWORDS"), refused.rejection().detail());
        assertEquals(AIR_MN, refused.mn());
    }

    @Test
    void theOptOutTakesAnyPasswordFromADeviceWithoutOne() {
        assertInstanceOf(Admitted.class, admission(DevicePasswords.none(), false).admit(realtime(AIR_MN, "anything")));
        // a device that has one is still checked
        assertInstanceOf(Refused.class, admission(DevicePasswords.none(), false).admit(realtime(STACK_MN, "000000")));
    }

    @Test
    void thePasswordsFileGivesADeviceItsPasswordAndWinsOverTheRegistry() {
        Hj212Admission admission = admission(DevicePasswords.of(Map.of(AIR_MN, "Xk3pQ9", STACK_MN, "Zr8mW2")), true);
        assertInstanceOf(Admitted.class, admission.admit(realtime(AIR_MN, "Xk3pQ9")));
        Refused wrong = assertInstanceOf(Refused.class, admission.admit(realtime(AIR_MN, "123456")));
        assertEquals(FrameOutcome.BAD_PASSWORD, wrong.outcome());
        assertFalse(wrong.rejection().detail().contains("123456"), "a guess is not echoed");
        assertInstanceOf(Admitted.class, admission.admit(realtime(STACK_MN, "Zr8mW2")));
        assertInstanceOf(Refused.class, admission.admit(realtime(STACK_MN, "123456")), "the registry's PW is replaced");
    }

    @Test
    void aFrameWithoutPwIsRefusedWhenOneIsSet() {
        byte[] noPw = frame("QN=20261128095900001;ST=22;CN=2011;MN=" + STACK_MN
                + ";Flag=5;CP=&&DataTime=20261128095900;a34004-Rtd=35.2&&");
        assertInstanceOf(Refused.class, admission(DevicePasswords.none(), true).admit(noPw));
    }
}
