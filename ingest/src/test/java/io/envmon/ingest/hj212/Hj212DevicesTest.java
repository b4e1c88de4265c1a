package io.envmon.ingest.hj212;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.hj212.Hj212Config;
import io.envmon.hj212.mapping.Hj212Devices;
import io.envmon.model.PointType;
import io.envmon.model.registry.RegistryException;
import io.envmon.model.registry.RegistryFiles;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The registry's MNs and their {@code hj212} blocks, as the HJ 212 path sees them. */
class Hj212DevicesTest {

    @Test
    void everyPointWithAnMnIsADevice() {
        Hj212Devices devices = new Hj212Devices(Hj212TestKit.REGISTRY, Hj212Config.DEFAULT_ZONE);
        assertEquals(5, devices.size());
        Hj212Devices.Device stack = devices.find(Hj212TestKit.STACK_MN).orElseThrow();
        assertEquals("E001/DA001", stack.point().label());
        assertEquals("123456", stack.password());
        assertEquals(PointType.STACK, stack.mapping().pointType());
        Hj212Devices.Device air = devices.find(Hj212TestKit.AIR_MN).orElseThrow();
        assertNull(air.password());
        assertEquals(Hj212Config.DEFAULT_ZONE, air.mapping().zone());
        assertEquals(ZoneId.of("Asia/Urumqi"), devices.find(Hj212TestKit.URUMQI_MN).orElseThrow().mapping().zone());
        assertTrue(devices.find("nope").isEmpty());
    }

    @Test
    void badUnitOverridesStopStartUp() {
        RegistryException e = assertThrows(RegistryException.class, () -> new Hj212Devices(RegistryFiles.parse("""
                air:
                  - {id: A1, name: a, mn: "1", hj212: {units: {a34004: furlongs}}}
                  - {id: A2, name: b, mn: "2", hj212: {units: {pm25: mg/L}}}
                  - {id: A3, name: c, mn: "3", hj212: {units: {cod: mg/L}}}
                """, "test"), Hj212Config.DEFAULT_ZONE));
        assertTrue(e.getMessage().contains("A1 (mn 1)") && e.getMessage().contains("furlongs"), e.getMessage());
        assertTrue(e.getMessage().contains("A2 (mn 2)"), e.getMessage());
        assertTrue(e.getMessage().contains("A3 (mn 3)"), e.getMessage());
    }
}
