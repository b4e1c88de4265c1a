package io.envmon.ingest.alerts.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WebhookDeliveryLogTest {

    static DeliveryRecord record(int n) {
        return new DeliveryRecord(Instant.EPOCH.plusSeconds(n), "bureau", "event-" + n, "d-" + n, 1,
                DeliveryRecord.DELIVERED, 200, null, Duration.ofMillis(3));
    }

    @Test
    void keepsTheLastNOldestFirst() {
        DeliveryLog log = new DeliveryLog(3);
        IntStream.rangeClosed(1, 5).forEach(n -> log.add(record(n)));

        assertEquals(List.of("event-3", "event-4", "event-5"),
                log.snapshot().stream().map(DeliveryRecord::eventId).toList());
        assertThrows(UnsupportedOperationException.class, () -> log.snapshot().clear());
        assertThrows(IllegalArgumentException.class, () -> new DeliveryLog(0));
    }

    @Test
    void writersAndReadersOnManyThreads() throws Exception {
        DeliveryLog log = new DeliveryLog(1000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    for (int i = 0; i < 5000; i++) {
                        log.add(record(thread * 5000 + i));
                        if (i % 100 == 0) {
                            log.snapshot().forEach(r -> r.eventId().length());
                        }
                    }
                }));
            }
            for (Future<?> f : work) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1000, log.snapshot().size());
    }
}
