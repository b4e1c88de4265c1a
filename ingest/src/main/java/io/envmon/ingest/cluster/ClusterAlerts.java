package io.envmon.ingest.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.envmon.alerts.event.AlertEvent;
import io.envmon.alerts.event.AlertEventCodec;
import io.envmon.ingest.alerts.AlertAcknowledger;
import io.envmon.ingest.alerts.AlertBoard;
import io.envmon.ingest.alerts.OpenAlerts;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API's view of the alerts in a cluster (docs/scale-out.md#the-api-in-a-cluster): each instance's board holds the
 * alerts of the units it evaluates, so the open alerts are asked of every member and merged, and an acknowledgement
 * goes to the member that evaluates the alert. Whichever instance a load balancer picks answers the same.
 */
public final class ClusterAlerts implements OpenAlerts, AlertAcknowledger {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterAlerts.class);
    static final String OPEN = "envmon.cluster.alerts.open.";
    static final String ACK = "envmon.cluster.alerts.ack.";
    private static final DeliveryOptions ASK = new DeliveryOptions().setSendTimeout(3000);

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final String localId;
    private final AlertBoard board;
    private final AlertAcknowledger local;
    private final AlertEventCodec codec = new AlertEventCodec();
    private final Counter unanswered;
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();

    /**
     * @param board this instance's open alerts
     * @param local this instance's alert runtime, which acknowledges the alerts it evaluates
     */
    public ClusterAlerts(Vertx vertx, HazelcastInstance hazelcast, AlertBoard board, AlertAcknowledger local,
                         MeterRegistry meters) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.localId = hazelcast.getCluster().getLocalMember().getUuid().toString();
        this.board = board;
        this.local = local;
        this.unanswered = Counter.builder("envmon.cluster.alerts.unanswered").description("Requests for the open "
                + "alerts or an acknowledgement that another instance did not answer in time").register(meters);
    }

    /** Answers the other members' questions about this instance's alerts. */
    public void start() {
        consumers.add(vertx.eventBus().<Void>consumer(OPEN + localId, message -> {
            JsonArray list = new JsonArray();
            board.newestFirst().forEach(e -> list.add(codec.encode(e)));
            message.reply(list);
        }));
        consumers.add(vertx.eventBus().<JsonObject>consumer(ACK + localId, message ->
                local.acknowledge(message.body().getString("id"), message.body().getString("by"))
                        .onSuccess(event -> message.reply(event.map(codec::encode).orElse(null)))
                        .onFailure(e -> message.fail(500, e.getMessage()))));
    }

    public void stop() {
        consumers.forEach(MessageConsumer::unregister);
    }

    @Override
    public Future<Answer> openAlerts() {
        List<String> others = others();
        List<Future<List<AlertEvent>>> asked = new ArrayList<>();
        List<String> missing = new ArrayList<>(); // the replies are handled on this caller's context, one at a time
        for (String member : others) {
            asked.add(vertx.eventBus().<JsonArray>request(OPEN + member, null, ASK)
                    .map(reply -> decode(reply.body()))
                    .recover(e -> {
                        unanswered.increment();
                        missing.add(member);
                        LOG.warn("cluster: {} did not list its open alerts: {}", member, e.getMessage());
                        return Future.succeededFuture(List.of());
                    }));
        }
        return Future.all(asked).map(all -> {
            Map<String, AlertEvent> byId = new HashMap<>();
            List<AlertEvent> every = new ArrayList<>(board.newestFirst());
            asked.forEach(f -> every.addAll(f.result()));
            // a unit that just moved may be on two boards for a moment: its newest event wins
            every.forEach(e -> byId.merge(e.id(), e, (a, b) -> b.isAfter(a) ? b : a));
            List<AlertEvent> merged = new ArrayList<>(byId.values());
            merged.sort(Comparator.comparing(AlertEvent::ts).reversed());
            return new Answer(merged, missing);
        });
    }

    /** Here first; then each other member in turn, until one knows the alert. */
    @Override
    public Future<Optional<AlertEvent>> acknowledge(String id, String by) {
        return local.acknowledge(id, by).compose(found -> found.isPresent() ? Future.succeededFuture(found)
                : askInTurn(others(), 0, id, by, null));
    }

    private Future<Optional<AlertEvent>> askInTurn(List<String> members, int i, String id, String by,
                                                   Throwable failed) {
        if (i == members.size()) {
            // nobody knows it; if someone did not answer, it may have been that one
            return failed == null ? Future.succeededFuture(Optional.empty()) : Future.failedFuture(failed);
        }
        return vertx.eventBus().<String>request(ACK + members.get(i), new JsonObject().put("id", id).put("by", by), ASK)
                .map(reply -> Optional.ofNullable(reply.body()).map(codec::decode))
                .transform(ar -> {
                    if (ar.succeeded() && ar.result().isPresent()) {
                        return Future.succeededFuture(ar.result());
                    }
                    if (ar.failed()) {
                        unanswered.increment();
                    }
                    return askInTurn(members, i + 1, id, by, ar.failed() ? ar.cause() : failed);
                });
    }

    private List<String> others() {
        List<String> out = new ArrayList<>();
        for (Member m : hazelcast.getCluster().getMembers()) {
            String id = m.getUuid().toString();
            if (!id.equals(localId)) {
                out.add(id);
            }
        }
        return out;
    }

    private List<AlertEvent> decode(JsonArray list) {
        List<AlertEvent> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            out.add(codec.decode(list.getString(i)));
        }
        return out;
    }
}
