package io.envmon.ingest.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertState;
import io.envmon.alerts.event.Severity;
import io.envmon.ingest.alerts.AlertAcknowledger;
import io.envmon.ingest.alerts.AlertBoard;
import io.envmon.ingest.alerts.OpenAlerts;
import io.envmon.ingest.alerts.TestBoards;
import io.envmon.ingest.config.ClusterConfig;
import io.envmon.testkit.FreePorts;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The API's alerts across two real cluster members in this JVM (Hazelcast and the clustered event bus on loopback,
 * docs/scale-out.md#the-api-in-a-cluster): each member's board holds the alerts it evaluates; either member lists
 * both boards' and acknowledges an alert the other one evaluates.
 */
class ClusterAlertsTest {

    private static final Instant T = Instant.parse("2026-12-05T08:00:00Z");

    private final int[] ports = {FreePorts.next(), FreePorts.next()};
    private final ClusterNode.Joined a = ClusterNode.join(config(0));
    private final ClusterNode.Joined b = ClusterNode.join(config(1));

    @AfterEach
    void stop() {
        b.vertx().close().await();
        a.vertx().close().await();
    }

    @Test
    void eitherMemberListsEveryOpenAlertAndAcknowledgesTheOthers() {
        await().atMost(Duration.ofSeconds(30)).until(() -> a.hazelcast().getCluster().getMembers().size() == 2
                && b.hazelcast().getCluster().getMembers().size() == 2);
        ClusterAlerts onA = alerts(a, TestBoards.showing(alert("a1", "S01")));
        ClusterAlerts onB = alerts(b, TestBoards.showing(alert("b1", "S02"), alert("b2", "S03")));

        await().atMost(Duration.ofSeconds(10)).until(() -> ids(onA.openAlerts()).equals(Set.of("a1", "b1", "b2")));
        assertEquals(Set.of("a1", "b1", "b2"), ids(onB.openAlerts()));
        assertEquals(List.of(), onA.openAlerts().await().unanswered());

        Optional<AlertEvent> acknowledged = onA.acknowledge("b2", "duty officer Li").await();
        assertEquals("duty officer Li", acknowledged.orElseThrow().acknowledgedBy(), "acknowledged by member B");
        assertTrue(onB.acknowledge("nobody-knows", "x").await().isEmpty());
    }

    private ClusterAlerts alerts(ClusterNode.Joined member, AlertBoard board) {
        AlertAcknowledger local = (id, by) -> Future.succeededFuture(
                board.openAlert(id).map(e -> e.acknowledged(by, T.plusSeconds(60))));
        ClusterAlerts alerts = new ClusterAlerts(member.vertx(), member.hazelcast(), board, local,
                new SimpleMeterRegistry());
        alerts.start();
        return alerts;
    }

    private static Set<String> ids(Future<OpenAlerts.Answer> answer) {
        return answer.await().alerts().stream().map(AlertEvent::id).collect(Collectors.toSet());
    }

    private static AlertEvent alert(String id, String station) {
        return new AlertEvent(id, "air", station, null, "pm25_1h_aqi", Severity.WARNING, AlertState.OPEN, "pm25", 120.0,
                115.0, "µg/m³", "1h", T.minusSeconds(3600), T, "PM2.5 中度污染 / PM2.5 moderately polluted", null, null);
    }

    private ClusterConfig config(int i) {
        return new ClusterConfig(true, "127.0.0.1", ports[i], 0,
                List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]), Duration.ofSeconds(5), null);
    }
}
