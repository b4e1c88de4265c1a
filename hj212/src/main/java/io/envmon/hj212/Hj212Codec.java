package io.envmon.hj212;

import io.envmon.hj212.HeaderParser.Header;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * Decodes one HJ 212 frame ({@code ##LLLL<segment>CCCC[\r\n]}, hj212.md §1.1) into an {@link Hj212Frame}. Input is a
 * frame as cut by {@link FrameDecoder} or as carried in one MQTT message (CONTRACT §1, {@code {root}/hj212/{mn}}).
 * Stateless and thread-safe; encoding is {@link FrameEncoder}'s and {@link ReplyEncoder}'s.
 *
 * <p>Order of checks, and why:
 * <ol>
 *   <li>shape: {@code ##}, 4 digits, 4 hex digits at the end - else {@link DecodeResult.Malformed};</li>
 *   <li>CRC over the raw segment bytes (hj212.md §2.3: bytes, not chars), hex in any case (§8.2) - else
 *       {@link DecodeResult.CrcMismatch}. First, because a corrupted frame must get no reply, whatever else is
 *       wrong with it (§3.4 item 4);</li>
 *   <li>length field: equal to the segment's UTF-8 byte count, or to its character count (§2.5); otherwise
 *       strict rejects, lenient warns. Over {@link Hj212Config#maxSegmentLength()} is always rejected;</li>
 *   <li>segment syntax: header by key (§1.3), {@code CP=&&...&&} (the last {@code &&}), Flag (§1.4), PNUM/PNO
 *       (§1.5), the data region (§4).</li>
 * </ol>
 * Strict and lenient differences are listed in docs/hj212.md; every lenient tolerance is a warning in
 * {@link DecodeResult.Decoded#warnings()}.
 */
public final class Hj212Codec {

    private static final String CP_START = "CP=&&";

    private final Hj212Config config;

    public Hj212Codec(Hj212Config config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    public Hj212Config config() {
        return config;
    }

    public DecodeResult decode(FrameResult.RawFrame frame) {
        return decode(frame.bytes());
    }

    /** Decodes a frame given as text (its UTF-8 bytes are what the CRC covers). */
    public DecodeResult decode(String frame) {
        return decode(frame.getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes the bytes of one frame, from {@code ##} through the CRC; a trailing CR/LF is allowed. */
    public DecodeResult decode(byte[] raw) {
        int n = raw.length;
        while (n > 0 && (raw[n - 1] == '\r' || raw[n - 1] == '\n')) {
            n--;
        }
        if (n < 2 || raw[0] != '#' || raw[1] != '#') {
            return DecodeResult.Malformed.of("does not start with '##'", raw);
        }
        if (n < 10 || !digits(raw, 2, 4)) {
            return DecodeResult.Malformed.of("'##' is not followed by a 4-digit length", raw);
        }
        String crcText = new String(raw, n - 4, 4, StandardCharsets.ISO_8859_1);
        int received = Hj212Crc.parse(crcText);
        if (received < 0) {
            return DecodeResult.Malformed.of("the frame does not end in a 4-digit hex CRC but in '" + crcText + "'", raw);
        }
        int declared = Integer.parseInt(new String(raw, 2, 4, StandardCharsets.ISO_8859_1));
        int segLen = n - 10;
        ParseContext ctx = new ParseContext(config.mode());
        int computed = Hj212Crc.compute(raw, 6, segLen);
        if (computed != received) {
            if (!modbus(raw, segLen, received, ctx)) {
                Map<String, String> h = HeaderParser.peek(new String(raw, 6, segLen, StandardCharsets.UTF_8));
                return new DecodeResult.CrcMismatch(crcText, Hj212Crc.hex(computed), h.get("MN"), h.get("QN"),
                        h.get("CN"), new String(raw, 0, n, StandardCharsets.UTF_8));
            }
        }
        try {
            String segment = utf8(raw, segLen, ctx);
            checkLength(declared, segLen, segment, ctx);
            return new DecodeResult.Decoded(parseSegment(segment, ctx), ctx.warnings());
        } catch (FrameFormatException e) {
            return new DecodeResult.Malformed(e.getMessage(), new String(raw, 0, n, StandardCharsets.UTF_8));
        }
    }

    private boolean modbus(byte[] raw, int segLen, int received, ParseContext ctx) {
        if (!config.acceptModbusCrc()) {
            return false;
        }
        int m = Hj212Crc.modbus(raw, 6, segLen);
        if (m == received || Hj212Crc.swapBytes(m) == received) {
            ctx.note("CRC is CRC-16/MODBUS" + (m == received ? "" : " printed low byte first")
                    + ", not the HJ 212 CRC; accepted by configuration");
            return true;
        }
        return false;
    }

    private String utf8(byte[] raw, int segLen, ParseContext ctx) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw, 6, segLen)).toString();
        } catch (CharacterCodingException e) {
            // the standard: ASCII, Chinese in UTF-8 (hj212.md §1.2); GBK devices exist
            ctx.tolerate("the segment is not valid UTF-8");
            return new String(raw, 6, segLen, StandardCharsets.UTF_8);
        }
    }

    private void checkLength(int declared, int segLen, String segment, ParseContext ctx) {
        int limit = config.maxSegmentLength();
        if (declared > limit || segLen > limit) {
            throw ctx.fail("segment of " + Math.max(declared, segLen) + " bytes is over the limit of " + limit);
        }
        if (segLen > Hj212Config.STANDARD_MAX_SEGMENT) {
            ctx.note("segment of " + segLen + " bytes is over the standard's " + Hj212Config.STANDARD_MAX_SEGMENT);
        }
        if (declared != segLen) {
            if (declared == segment.length()) {
                ctx.note("length field counts characters (" + declared + "), not bytes (" + segLen + ")");
            } else {
                ctx.tolerate("length field says " + declared + " but the segment has " + segLen + " bytes");
            }
        }
    }

    private Hj212Frame parseSegment(String text, ParseContext ctx) {
        int cpAt = text.indexOf(CP_START);
        if (cpAt < 0) {
            throw ctx.fail("no 'CP=&&' in the segment");
        }
        String headerText = text.substring(0, cpAt);
        if (!headerText.isEmpty() && !headerText.endsWith(";")) {
            ctx.tolerate("no ';' before 'CP='");
        }
        int cpStart = cpAt + CP_START.length();
        String cp;
        if (text.length() >= cpStart + 2 && text.endsWith("&&")) {
            cp = text.substring(cpStart, text.length() - 2);
        } else {
            ctx.tolerate("the data region is not closed by '&&'");
            cp = text.substring(cpStart);
        }
        Header h = HeaderParser.parse(headerText, ctx);
        String st = required(h, "ST", ctx);
        String cn = required(h, "CN", ctx);
        String mn = required(h, "MN", ctx);
        if (!cn.matches("\\d{4}")) {
            ctx.tolerate("CN '" + cn + "' is not 4 digits");
        }
        Flag flag = flag(h.get("Flag"), ctx);
        ProtocolVersion version = flag.version();
        if (version == ProtocolVersion.UNKNOWN) {
            ctx.tolerate("Flag " + flag.value() + " has version bits " + flag.versionBits() + " of no known revision");
        }
        boolean since2017 = version == ProtocolVersion.V2017 || version == ProtocolVersion.V2025;
        if (since2017 && h.get("QN") == null) {
            ctx.tolerate("no QN in a " + version + " frame");
        }
        int[] split = SplitFields.read(h.get("PNUM"), h.get("PNO"), flag, since2017, ctx);
        DataRegion data = DataRegionCodec.parse(cp, config.zone(), ctx);
        return new Hj212Frame(h.get("QN"), st, cn, h.get("PW"), mn, flag,
                split == null ? null : split[0], split == null ? null : split[1],
                h.get("RF"), h.extra(), cp, data);
    }

    private static String required(Header h, String key, ParseContext ctx) {
        String value = h.get(key);
        if (value == null) {
            throw ctx.fail("header field " + key + " is missing");
        }
        return value;
    }

    private static Flag flag(String text, ParseContext ctx) {
        if (text == null) {
            return Flag.ABSENT;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v < 0) {
                throw new NumberFormatException();
            }
            if (v > 255) {
                ctx.tolerate("Flag " + v + " is over 255");
            }
            return Flag.of(v);
        } catch (NumberFormatException e) {
            ctx.tolerate("Flag '" + text + "' is not a number 0..255", "treated as absent");
            return Flag.ABSENT;
        }
    }

    private static boolean digits(byte[] raw, int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (raw[i] < '0' || raw[i] > '9') {
                return false;
            }
        }
        return true;
    }
}
