package io.envmon.ingest.hj212;

import io.envmon.hj212.FrameResult.FramingError;
import io.envmon.hj212.Hj212Frame;
import io.envmon.hj212.Reassembly;
import io.envmon.hj212.ReplyEncoder;
import io.envmon.hj212.SplitReassembler;
import io.envmon.ingest.hj212.Hj212Admission.Admission;
import io.envmon.ingest.hj212.Hj212Admission.Admitted;
import io.envmon.ingest.hj212.Hj212Admission.Refused;
import io.envmon.ingest.hj212.Hj212Metrics.FrameOutcome;
import io.envmon.ingest.hj212.Hj212Metrics.Transport;
import io.envmon.ingest.pipeline.IncomingMessage;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flow of one HJ 212 frame, whatever carried it: admit (CRC, syntax, MN, PW), store or dead-letter, then the
 * reply the frame asks for. The reply is computed only after {@link Hj212Store#store} succeeded, so a 9014 always
 * follows durable storage of what it acknowledges; refused frames (bad CRC, bad syntax, unknown MN, wrong PW, a
 * sender that may not write for the MN) get none.
 *
 * <p>Split packets (PNUM/PNO) are stored one by one, each as the frame it is (its own DataTime, QN and CRC), and
 * each is answered once its own data is stored. A device that waits for the 9014 of packet 1 before sending packet
 * 2 (Flag=7, stop-and-wait) therefore never waits on packets it has not sent, and nothing acknowledged lives only in
 * memory. Every packet of a message has the same tags and DataTime, so InfluxDB merges their fields into one row:
 * the message is reassembled where it is stored, in whatever order the packets came. The {@link SplitReassembler}
 * only keeps the books (complete, inconsistent, timed out) for metrics and logs. Not thread-safe: one per context.
 */
public final class Hj212FrameHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Hj212FrameHandler.class);

    private final Transport transport;
    private final Hj212Admission admission;
    private final Hj212Store store;
    private final Hj212Metrics metrics;
    private final Clock clock;
    private final SplitReassembler splits;

    public Hj212FrameHandler(Transport transport, Hj212Admission admission, Hj212Store store, Duration splitTimeout,
                             Hj212Metrics metrics, Clock clock) {
        this.transport = transport;
        this.admission = admission;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        // bookkeeping only (see above): generous bounds, nothing here holds data that is not stored
        this.splits = new SplitReassembler(splitTimeout, 10_000, 999);
    }

    public Admission admit(byte[] frame) {
        return admission.admit(frame);
    }

    /**
     * Stores an admitted frame or dead-letters a refused one.
     *
     * @return the reply to send (9014 / 9013) when the frame asks for one and was admitted and stored; empty when
     *         no reply is due. Fails when the frame could not be stored or dead-lettered (the sink is closing): send
     *         nothing, the device resends.
     */
    public Future<Optional<byte[]>> process(IncomingMessage origin, Admission decision) {
        if (decision instanceof Refused refused) {
            metrics.frame(transport, refused.outcome());
            // a known device's frame from the wrong sender is an operator's matter; noise and unknown MNs are not
            if (refused.outcome() == FrameOutcome.BAD_PASSWORD || refused.outcome() == FrameOutcome.UNAUTHORIZED) {
                LOG.warn("HJ 212 frame refused [mn: {}, from: {}]: {}", refused.mn(), origin.topic(),
                        refused.rejection().detail());
            } else {
                LOG.debug("HJ 212 frame refused [mn: {}, from: {}]: {}", refused.mn(), origin.topic(),
                        refused.rejection().detail());
            }
            return store.reject(origin, refused.rejection()).map(v -> Optional.empty());
        }
        Admitted admitted = (Admitted) decision;
        Hj212Frame frame = admitted.frame();
        metrics.frame(transport, FrameOutcome.ACCEPTED);
        if (!admitted.warnings().isEmpty()) {
            metrics.warnings(admitted.warnings().size());
            LOG.debug("HJ 212 frame accepted with warnings [mn: {}, qn: {}]: {}", frame.mn(), frame.qn(),
                    admitted.warnings());
        }
        if (frame.isSplitPacket()) {
            track(frame);
        }
        return store.store(origin, admitted).map(v -> ReplyEncoder.replyFor(frame));
    }

    /** Bytes the stream framer could not make a frame of: a {@code bad_frame} dead letter, no reply. */
    public Future<Void> framingError(IncomingMessage origin, FramingError error) {
        metrics.frame(transport, FrameOutcome.BAD_FRAME);
        LOG.debug("HJ 212 framing error [from: {}]: {} {}", origin.topic(), error.problem(), error.detail());
        return store.reject(origin, Hj212Admission.framing(error));
    }

    /** The CN of the reply {@link ReplyEncoder} builds for a frame: 9013 for a 1013 notification, else 9014. */
    public static String replyCn(Hj212Frame frame) {
        return ReplyEncoder.CN_TIME_CALIBRATION_REQUEST.equals(frame.cn()) ? ReplyEncoder.CN_NOTIFICATION_REPLY
                : ReplyEncoder.CN_DATA_REPLY;
    }

    /** Ends the books of split messages that got no packet for the split timeout; call now and then. */
    public void expireSplits() {
        for (Reassembly.Incomplete gone : splits.expire(clock.instant())) {
            metrics.split("incomplete");
            LOG.warn("HJ 212 split message incomplete ({}) [mn: {}, cn: {}, DataTime: {}]: {} of {} packets arrived "
                            + "(PNO {}); they are stored, the others never came", gone.reason(), gone.key().mn(),
                    gone.key().cn(), gone.key().dataTime(), gone.packets().size(), gone.total(),
                    gone.packets().stream().map(Hj212Frame::pno).toList());
        }
    }

    /** Split messages with packets still awaited. */
    public int pendingSplits() {
        return splits.pending();
    }

    private void track(Hj212Frame packet) {
        Reassembly r = splits.accept(packet, clock.instant());
        if (r instanceof Reassembly.Complete complete) {
            metrics.split("complete");
            LOG.debug("HJ 212 split message complete [mn: {}, cn: {}, packets: {}]", packet.mn(), packet.cn(),
                    complete.packets().size());
        } else if (r instanceof Reassembly.Rejected rejected) {
            metrics.split("inconsistent");
            LOG.warn("HJ 212 split packet does not fit its message [mn: {}, qn: {}]: {}; stored as it is",
                    packet.mn(), packet.qn(), rejected.reason());
        }
    }
}
