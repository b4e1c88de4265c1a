package io.envmon.ingest.hj212;

import io.envmon.hj212.DecodeResult;
import io.envmon.hj212.FrameResult.FramingError;
import io.envmon.hj212.Hj212Codec;
import io.envmon.hj212.Hj212Frame;
import io.envmon.hj212.mapping.Hj212Devices;
import io.envmon.hj212.mapping.Hj212Devices.Device;
import io.envmon.ingest.hj212.Hj212Metrics.FrameOutcome;
import io.envmon.model.RejectReason;
import io.envmon.model.Rejection;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Objects;

/**
 * The first decision about one frame, before anything is stored: is it a frame (shape, CRC, syntax), is its MN a
 * registered device, and does its PW match the one configured for it (a device with none is refused unless
 * {@code ENVMON_HJ212_REQUIRE_PASSWORD=false}: anyone who knows an MN could otherwise write as that device and take
 * its replies; docs/hj212.md, "Device passwords"). Whether the sender may write for that device depends on
 * the transport (topic or connection), which then turns an admitted frame into {@link #unauthorized}. Pure and
 * thread-safe, so each transport runs it on its own context; storage is {@link Hj212Store}'s.
 */
public final class Hj212Admission {

    /** What {@link #admit} decided. */
    public sealed interface Admission permits Admitted, Refused {
    }

    /**
     * A frame of a registered device, to be stored and, if it asks, answered.
     *
     * @param warnings the deviations lenient mode tolerated
     */
    public record Admitted(Hj212Frame frame, Device device, List<String> warnings) implements Admission {
        public Admitted {
            warnings = List.copyOf(warnings);
        }
    }

    /**
     * A frame that is dead-lettered whole and never answered: a bad CRC (the standard: drop it, the device resends),
     * a frame that cannot be parsed, an MN not in the registry, a wrong password, or a sender that may not write for
     * the frame's device.
     *
     * @param mn the MN the frame claims, for logs; {@code null} when unknown
     */
    public record Refused(FrameOutcome outcome, Rejection rejection, String mn) implements Admission {
    }

    private final Hj212Codec codec;
    private final Hj212Devices devices;
    private final boolean requirePassword;

    /** Requiring a password of every device, as by default. */
    public Hj212Admission(Hj212Codec codec, Hj212Devices devices) {
        this(codec, devices, true);
    }

    /** @param requirePassword whether a device with no password configured has its frames refused */
    public Hj212Admission(Hj212Codec codec, Hj212Devices devices, boolean requirePassword) {
        this.codec = Objects.requireNonNull(codec);
        this.devices = Objects.requireNonNull(devices);
        this.requirePassword = requirePassword;
    }

    /** Decides about the bytes of one frame, from {@code ##} through the CRC (a trailing CRLF is allowed). */
    public Admission admit(byte[] frameBytes) {
        DecodeResult result = codec.decode(frameBytes);
        if (result instanceof DecodeResult.CrcMismatch crc) {
            return new Refused(FrameOutcome.BAD_CRC, Rejection.of(RejectReason.BAD_FRAME, "CRC " + crc.received()
                    + " does not match the segment (computed " + crc.computed() + "); not answered, so the device "
                    + "resends"), crc.mn());
        }
        if (result instanceof DecodeResult.Malformed bad) {
            return new Refused(FrameOutcome.BAD_FRAME, Rejection.of(RejectReason.BAD_FRAME,
                    "not an HJ 212 frame in " + codec.config().mode().name().toLowerCase() + " mode: " + bad.reason()),
                    null);
        }
        DecodeResult.Decoded decoded = (DecodeResult.Decoded) result;
        Hj212Frame frame = decoded.frame();
        Device device = devices.find(frame.mn()).orElse(null);
        if (device == null) {
            return new Refused(FrameOutcome.UNKNOWN_MN, Rejection.of(RejectReason.UNKNOWN_SITE,
                    "HJ 212 MN '" + frame.mn() + "' is not in the registry (no station, section or outlet has this mn)"),
                    frame.mn());
        }
        if (device.password() == null && requirePassword) {
            return new Refused(FrameOutcome.NO_PASSWORD, Rejection.of(RejectReason.UNAUTHORIZED,
                    "HJ 212 MN '" + frame.mn() + "' (" + device.point().label() + ") has no password configured, and "
                            + "ENVMON_HJ212_REQUIRE_PASSWORD is true: give it one in ENVMON_HJ212_PASSWORDS or its "
                            + "registry entry's hj212.password; not stored, not answered"), frame.mn());
        }
        if (device.password() != null && !samePassword(device.password(), frame.pw())) {
            return new Refused(FrameOutcome.BAD_PASSWORD, Rejection.of(RejectReason.UNKNOWN_SITE,
                    "PW of MN '" + frame.mn() + "' does not match the password registered for "
                            + device.point().label() + "; not stored, not answered"), frame.mn());
        }
        return new Admitted(frame, device, decoded.warnings());
    }

    /** Compared in constant time, so that the time of a refusal does not tell how much of a guess was right. */
    private static boolean samePassword(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Refuses a well-formed frame of a known device because its sender may not write for that device (the MQTT
     * topic or the gateway connection says who the sender is): dead-lettered {@code unauthorized}, never stored or
     * answered.
     *
     * @param why what the sender was, for the dead letter's detail
     */
    public static Refused unauthorized(Admitted admitted, String why) {
        Hj212Frame frame = admitted.frame();
        return new Refused(FrameOutcome.UNAUTHORIZED, Rejection.of(RejectReason.UNAUTHORIZED, "HJ 212 MN '"
                + frame.mn() + "' (" + admitted.device().point().label() + ") " + why + "; not stored, not answered"),
                frame.mn());
    }

    /** The dead-letter reason of bytes the stream framer could not make a frame of. */
    public static Rejection framing(FramingError error) {
        return Rejection.of(RejectReason.BAD_FRAME, "HJ 212 framing: " + error.problem().name().toLowerCase()
                + ": " + error.detail());
    }
}
