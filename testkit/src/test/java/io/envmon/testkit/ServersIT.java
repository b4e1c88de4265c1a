package io.envmon.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The testkit against the real mosquitto and influxd of this machine. */
class ServersIT {

    private static final long TS = 1_795_000_000_000L;

    @Test
    void influxStoresAPointWrittenOverHttpAndKeepsItAcrossRestartAndKill() throws Exception {
        Path dir;
        try (InfluxServer influx = new InfluxServer()) {
            dir = influx.directory();
            assertStarts(influx::start, influx::isRunning, influx.port());
            influx.createDatabase("x");

            // the raw v1 HTTP API, as the service would use it
            HttpResponse<String> written = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(influx.url() + "/write?db=x&precision=ms"))
                    .POST(HttpRequest.BodyPublishers.ofString("air,station=TG-A01 pm25=35.2,pm10=61 " + TS))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(204, written.statusCode(), written.body());
            influx.write("x", "air,station=TG-A02 pm25=12.5 " + (TS + 60_000));

            assertStored(influx);

            int port = influx.port();
            assertStarts(influx::restart, influx::isRunning, influx.port());
            assertEquals(port, influx.port());
            assertStored(influx);

            influx.kill();
            assertFalse(influx.isRunning());
            assertStarts(influx::start, influx::isRunning, influx.port());
            assertStored(influx);

            IllegalStateException badQuery = assertThrows(IllegalStateException.class,
                    () -> influx.query("x", "SELECT FROM WHERE"));
            assertTrue(badQuery.getMessage().contains("SELECT FROM WHERE"), badQuery.getMessage());
        }
        assertFalse(Files.exists(dir), "close() deletes the data folder");
    }

    private static void assertStored(InfluxServer influx) {
        List<Map<String, Object>> rows = influx.rows("x", "SELECT pm25, pm10 FROM air GROUP BY station");
        assertEquals(2, rows.size(), rows.toString());
        Map<String, Object> first = rows.get(0);
        assertEquals(TS, first.get("time"));
        assertEquals("TG-A01", first.get("station"));
        assertEquals(35.2, ((Number) first.get("pm25")).doubleValue());
        // InfluxDB writes the float 61.0 as JSON 61: compare numbers as doubles
        assertEquals(61.0, ((Number) first.get("pm10")).doubleValue());
        assertEquals("TG-A02", rows.get(1).get("station"));
        assertEquals(null, rows.get(1).get("pm10"));

        assertEquals(2, influx.count("x", "SELECT count(pm25) FROM air"));
        assertEquals(2, influx.count("x", "SELECT count(pm25) FROM air GROUP BY station"));
        assertEquals(0, influx.count("x", "SELECT count(pm25) FROM water"));
        assertEquals(TS, influx.query("x", "SELECT pm25 FROM air")
                .at("/results/0/series/0/values/0/0").asLong());
    }

    @Test
    void mosquittoDeliversAndKeepsAPersistentSessionAcrossRestart() {
        Path dir;
        try (MosquittoServer mqtt = new MosquittoServer()) {
            dir = mqtt.directory();
            assertStarts(mqtt::start, mqtt::isRunning, mqtt.port());
            assertEquals("tcp://127.0.0.1:" + mqtt.port(), mqtt.url());

            try (MqttTestClient publisher = MqttTestClient.connect(mqtt.url());
                 MqttTestClient subscriber = MqttTestClient.connect(mqtt.url())) {
                subscriber.subscribe("env/air/+");
                publisher.publish("env/air/TG-A01", "{\"ts\":1,\"values\":{\"pm25\":1}}", 1);
                publisher.publish("env/water/XYH-01", "not for this subscriber", 1);
                List<MqttTestClient.Received> air = subscriber.awaitMessages("env/air/#", 1, Duration.ofSeconds(30));
                assertEquals("env/air/TG-A01", air.get(0).topic());
                assertEquals("{\"ts\":1,\"values\":{\"pm25\":1}}", air.get(0).payload());
                assertEquals(1, air.get(0).qos());
                assertTrue(subscriber.messages("env/water/#").isEmpty());
            }

            try (MqttTestClient durable = MqttTestClient.connect(mqtt.url(), "it-durable", false)) {
                durable.subscribe("env/water/#", 1);
                durable.disconnect();
                try (MqttTestClient publisher = MqttTestClient.connect(mqtt.url())) {
                    publisher.publish("env/water/XYH-01", "queued while offline", 1);
                }

                int port = mqtt.port();
                assertStarts(mqtt::restart, mqtt::isRunning, mqtt.port());
                assertEquals(port, mqtt.port());

                durable.reconnect();
                List<MqttTestClient.Received> queued =
                        durable.awaitMessages("env/water/+", 1, Duration.ofSeconds(30));
                assertEquals("queued while offline", queued.get(0).payload());
            }
            assertTrue(ChildProcess.read(mqtt.logFile()).contains("it-durable"), mqtt.logTail(20));
        }
        assertFalse(Files.exists(dir), "close() deletes the data folder");
    }

    @Test
    void aServerRefusesToStartOnATakenPort() throws Exception {
        try (MosquittoServer mqtt = new MosquittoServer();
             ServerSocket squatter = new ServerSocket(mqtt.port(), 1, InetAddress.getLoopbackAddress())) {
            IllegalStateException e = assertThrows(IllegalStateException.class, mqtt::start);
            assertTrue(e.getMessage().contains(String.valueOf(mqtt.port())), e.getMessage());
            assertFalse(mqtt.isRunning());
        }
    }

    @Test
    void freePortsAreDistinctAndBindable() throws Exception {
        int a = FreePorts.next();
        int b = FreePorts.next();
        assertTrue(a != b);
        try (ServerSocket socket = new ServerSocket(a, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(FreePorts.isListening(a));
        }
        assertFalse(FreePorts.isListening(b));
    }

    /**
     * Starts a server and checks the state start() promises: running and answering. How long it took is no test's
     * business (a busy machine is slow, not wrong): start() has its own generous ceiling.
     */
    private static void assertStarts(Runnable start, java.util.function.BooleanSupplier running, int port) {
        start.run();
        assertTrue(running.getAsBoolean(), "running after start()");
        assertTrue(FreePorts.isListening(port), "listening on " + port + " after start()");
    }

}
