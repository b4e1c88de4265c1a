package io.envmon.hj212;

import io.envmon.hj212.FrameResult.FramingError;
import io.envmon.hj212.FrameResult.FramingError.Problem;
import io.envmon.hj212.FrameResult.RawFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts HJ 212 frames out of a TCP byte stream (hj212.md §1.6). One instance per connection: it keeps the bytes
 * of an incomplete frame between reads. Not thread-safe; feed it from the connection's context.
 *
 * <p>Why not split on CRLF or treat each read as a frame: reads are split and coalesced by TCP, and some devices
 * send no CRLF at all (hj212.md §1.6 step 5). The frame's end is therefore found from its length field, and only
 * when that does not lead to {@code &&} + 4 hex digits, from its content:
 * <ol>
 *   <li>bytes before {@code ##} are skipped; if they are not just whitespace they are reported once as
 *       {@link Problem#NOISE} (DTUs prepend banners and heartbeats);</li>
 *   <li>{@code ##} must be followed by 4 digits, else {@link Problem#BAD_LENGTH_FIELD} and resynchronisation at the
 *       next {@code ##} or line end;</li>
 *   <li>a length over {@link Hj212Config#maxSegmentLength()} is {@link Problem#TOO_LARGE};</li>
 *   <li>if {@code LEN} bytes of segment are followed by {@code &&}-ending segment and 4 hex digits, that is the
 *       frame, emitted at once; a CR/LF after it is optional and skipped silently;</li>
 *   <li>otherwise the frame ends at the first CR, LF or next {@code ##} preceded by {@code &&} + 4 hex digits:
 *       lenient mode emits it (the parser's CRC check decides), strict mode reports
 *       {@link Problem#LENGTH_MISMATCH}.</li>
 * </ol>
 * A frame never grows past {@code 6 + maxSegmentLength + 4 + 2} bytes of buffer, so a device cannot make the
 * gateway hold unbounded memory.
 */
public final class FrameDecoder {

    /** The most bytes kept in a {@link FramingError}'s excerpt: the dead-letter payload limit (CONTRACT §3). */
    public static final int EXCERPT_LIMIT = 4096;

    private final boolean strict;
    private final int maxSegmentLength;
    private final int maxFrameBytes;
    private byte[] buf = new byte[1100];
    private int len;
    /** After an error, bytes up to the next {@code ##} belong to it and are dropped without a second report. */
    private boolean skipping;
    private long discardedBytes;

    public FrameDecoder(Hj212Config config) {
        this.strict = config.strictMode();
        this.maxSegmentLength = config.maxSegmentLength();
        this.maxFrameBytes = 6 + maxSegmentLength + 4 + 2;
    }

    /** Adds a chunk as read from the connection and returns the frames and errors it completed, in order. */
    public List<FrameResult> feed(byte[] chunk) {
        return feed(chunk, 0, chunk.length);
    }

    public List<FrameResult> feed(byte[] chunk, int off, int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
        System.arraycopy(chunk, off, buf, len, n);
        len += n;
        return drain(false);
    }

    /**
     * The stream has ended (connection closed): whatever is buffered becomes a frame, if it ends in {@code &&}
     * and a CRC, or a {@link Problem#TRUNCATED} error. The decoder is then empty and reusable.
     */
    public List<FrameResult> finish() {
        List<FrameResult> out = drain(true);
        len = 0;
        skipping = false;
        return out;
    }

    /** Bytes held for an incomplete frame. */
    public int buffered() {
        return len;
    }

    /** Bytes dropped so far (noise, broken frames), for metrics. */
    public long discardedBytes() {
        return discardedBytes;
    }

    private List<FrameResult> drain(boolean eof) {
        List<FrameResult> out = new ArrayList<>();
        int pos = 0;
        while (pos < len) {
            int start = indexOfHashes(pos);
            if (start < 0) {
                // a trailing '#' may be the first half of the next "##"
                int keep = !eof && buf[len - 1] == '#' ? 1 : 0;
                discard(pos, len - keep, out);
                pos = len - keep;
                break;
            }
            // in "###0101..." the frame starts at the last '#' of the run
            while (start + 2 < len && buf[start + 2] == '#') {
                start++;
            }
            discard(pos, start, out);
            skipping = false;
            pos = start;
            Step step = frameAt(start, eof);
            if (step == null) {
                break;
            }
            out.add(step.result());
            skipping = step.result() instanceof FramingError;
            pos = step.end();
        }
        System.arraycopy(buf, pos, buf, 0, len - pos);
        len -= pos;
        return out;
    }

    private Step frameAt(int start, boolean eof) {
        if (len - start < 6) {
            return eof ? error(Problem.TRUNCATED, start, len, "stream ended inside a frame") : null;
        }
        if (!digits(start + 2, 4)) {
            return errorToBoundary(Problem.BAD_LENGTH_FIELD, start, eof,
                    "'##' is not followed by a 4-digit length but by '" + ascii(start + 2, 4) + "'");
        }
        int declared = Integer.parseInt(ascii(start + 2, 4));
        if (declared > maxSegmentLength) {
            return errorToBoundary(Problem.TOO_LARGE, start, eof,
                    "length field " + declared + " is over the limit of " + maxSegmentLength);
        }
        int declaredEnd = start + 6 + declared + 4;
        if (len >= declaredEnd && trailerEndsAt(start, declaredEnd)) {
            return new Step(new RawFrame(Arrays.copyOfRange(buf, start, declaredEnd)), declaredEnd);
        }
        return endByContent(start, declared, len >= declaredEnd, eof);
    }

    /**
     * The length field does not lead to {@code &&} and a CRC: find the end by content (hj212.md §1.6 step 3).
     * While the declared bytes are not all here, only a line end right after {@code &&}+CRC may end the frame early,
     * because a {@code ##} can occur inside an Info text.
     */
    private Step endByContent(int start, int declared, boolean declaredAllHere, boolean eof) {
        for (int b = start + 6; b < len; b++) {
            boolean lineEnd = buf[b] == '\r' || buf[b] == '\n';
            boolean nextFrame = declaredAllHere && buf[b] == '#' && b + 1 < len && buf[b + 1] == '#';
            if (lineEnd || nextFrame) {
                if (trailerEndsAt(start, b)) {
                    return lengthMismatch(start, b, declared);
                }
                if (nextFrame) {
                    return error(Problem.BAD_TRAILER, start, b, "no '&&' and 4-digit hex CRC at the end of the frame");
                }
            }
        }
        if (eof) {
            if (trailerEndsAt(start, len)) {
                return lengthMismatch(start, len, declared);
            }
            return declaredAllHere
                    ? error(Problem.BAD_TRAILER, start, len, "no '&&' and 4-digit hex CRC at the end of the frame")
                    : error(Problem.TRUNCATED, start, len, "stream ended inside a frame");
        }
        if (len - start > maxFrameBytes) {
            return error(Problem.TOO_LARGE, start, len, "no frame end within " + maxFrameBytes + " bytes");
        }
        return null;
    }

    private Step lengthMismatch(int start, int end, int declared) {
        int actual = end - start - 10;
        // a length in characters instead of UTF-8 bytes is accepted in both modes (hj212.md §2.5)
        boolean inChars = declared == new String(buf, start + 6, actual, StandardCharsets.UTF_8).length();
        if (strict && !inChars) {
            return error(Problem.LENGTH_MISMATCH, start, end,
                    "length field says " + declared + " but the segment has " + actual + " bytes");
        }
        // the parser checks the CRC and reports the length as a warning
        return new Step(new RawFrame(Arrays.copyOfRange(buf, start, end)), end);
    }

    /** An error covering the frame up to the next line end or {@code ##}, or all that is buffered. */
    private Step errorToBoundary(Problem problem, int start, boolean eof, String detail) {
        for (int b = start + 2; b < len; b++) {
            if (buf[b] == '\r' || buf[b] == '\n' || (buf[b] == '#' && b + 1 < len && buf[b + 1] == '#')) {
                return error(problem, start, b, detail);
            }
        }
        int keep = !eof && buf[len - 1] == '#' ? 1 : 0;
        return error(problem, start, len - keep, detail);
    }

    private Step error(Problem problem, int from, int to, String detail) {
        discardedBytes += to - from;
        return new Step(new FramingError(problem, detail, excerpt(from, to)), to);
    }

    private void discard(int from, int to, List<FrameResult> out) {
        if (from >= to) {
            return;
        }
        discardedBytes += to - from;
        if (skipping || whitespace(from, to)) {
            return;
        }
        out.add(new FramingError(Problem.NOISE, (to - from) + " bytes before '##'", excerpt(from, to)));
        skipping = true;
    }

    /** {@code &&} followed by 4 hex digits just before {@code end}, after a non-empty segment start. */
    private boolean trailerEndsAt(int start, int end) {
        if (end - 6 < start + 6) {
            return false;
        }
        if (buf[end - 6] != '&' || buf[end - 5] != '&') {
            return false;
        }
        for (int i = end - 4; i < end; i++) {
            if (Character.digit(buf[i], 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private int indexOfHashes(int from) {
        for (int i = from; i + 1 < len; i++) {
            if (buf[i] == '#' && buf[i + 1] == '#') {
                return i;
            }
        }
        return -1;
    }

    private boolean digits(int from, int n) {
        for (int i = from; i < from + n; i++) {
            if (buf[i] < '0' || buf[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private boolean whitespace(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b != '\r' && b != '\n' && b != ' ' && b != '\t' && b != 0) {
                return false;
            }
        }
        return true;
    }

    private String ascii(int from, int n) {
        return new String(buf, from, n, StandardCharsets.ISO_8859_1);
    }

    private byte[] excerpt(int from, int to) {
        return Arrays.copyOfRange(buf, from, Math.min(to, from + EXCERPT_LIMIT));
    }

    private record Step(FrameResult result, int end) {
    }
}
