package io.envmon.ingest.cluster;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.envmon.ingest.config.ClusterConfig;
import io.envmon.testkit.FreePorts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The leases of units (docs/scale-out.md#handover) on two real Hazelcast members in this JVM, configured as the
 * service configures them ({@link ClusterNode#hazelcastConfig}): a unit held by a live member is not taken; one given
 * up, or held by a member that left, is. The two members are shared by the tests (each uses its own units); the
 * one that leaves is a third.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HazelcastUnitLeasesTest {

    private final int[] ports = {FreePorts.next(), FreePorts.next(), FreePorts.next()};
    private HazelcastInstance first;
    private HazelcastInstance second;

    @BeforeAll
    void start() {
        first = member(0);
        second = member(1);
    }

    @AfterAll
    void stop() {
        second.getLifecycleService().terminate();
        first.getLifecycleService().terminate();
    }

    @Test
    void aUnitHeldByALiveMemberIsTakenOnlyOnceItIsGivenUp() {
        awaitMembers(2);
        HazelcastUnitLeases a = new HazelcastUnitLeases(first);
        HazelcastUnitLeases b = new HazelcastUnitLeases(second);

        assertTrue(a.tryTake(7));
        assertTrue(a.tryTake(7), "taking a lease held already is a no-op");
        assertFalse(b.tryTake(7), "held by a live member");
        assertEquals(first.getCluster().getLocalMember().getUuid().toString(), b.holder(7));

        b.giveUp(7); // not b's: nothing happens
        assertFalse(b.tryTake(7));
        a.giveUp(7);
        assertTrue(b.tryTake(7));
        assertEquals("nobody", a.holder(8));
    }

    @Test
    void aUnitHeldByAMemberThatLeftIsFree() {
        awaitMembers(2);
        HazelcastInstance third = member(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> second.getCluster().getMembers().size() == 3);
        HazelcastUnitLeases b = new HazelcastUnitLeases(second);
        assertTrue(new HazelcastUnitLeases(third).tryTake(3));
        assertFalse(b.tryTake(3));

        third.getLifecycleService().terminate(); // as a SIGKILL: no give-up; the map's backup on another member remains
        await().atMost(Duration.ofSeconds(30)).until(() -> second.getCluster().getMembers().size() == 2);
        assertTrue(b.tryTake(3));
        assertEquals(second.getCluster().getLocalMember().getUuid().toString(), b.holder(3));
    }

    @Test
    void aLeaseTakenOverByForceChangesHands() {
        awaitMembers(2);
        HazelcastUnitLeases b = new HazelcastUnitLeases(second);
        assertTrue(new HazelcastUnitLeases(first).tryTake(5));
        b.takeOver(5);
        assertEquals(second.getCluster().getLocalMember().getUuid().toString(), b.holder(5));
    }

    private HazelcastInstance member(int i) {
        ClusterConfig config = new ClusterConfig(true, "127.0.0.1", ports[i], 0,
                List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1], "127.0.0.1:" + ports[2]), Duration.ofSeconds(5),
                null);
        return Hazelcast.newHazelcastInstance(ClusterNode.hazelcastConfig(config)
                .setClusterName("envmon-leases-test-" + ports[0]));
    }

    private void awaitMembers(int n) {
        await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() >= n
                && second.getCluster().getMembers().size() >= n);
    }
}
