package io.envmon.simulator.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * How {@code load} reports: one line per wall second (unless quiet) and a summary at the end, either in words for a
 * person ({@link #text}) or as JSON lines for a script ({@link #json}, {@code --output json}: docs/simulator.md).
 */
public interface LoadReport {

    /**
     * One wall second of the run.
     *
     * @param second       the second, from 1
     * @param acknowledged messages the broker has acknowledged so far
     * @param average      readings per second so far (of the seconds after the warm-up, once past it)
     */
    void second(long second, long readings, long messages, long acknowledged, double average, boolean warmUp);

    /**
     * The end of the run.
     *
     * @param connections   the run's connections
     * @param warmUpSeconds seconds sent before the measurement, left out of the rate and the figures
     */
    void summary(LoadRunner.Result result, int connections, int warmUpSeconds);

    /** In words, as a person reads them. */
    static LoadReport text(PrintWriter out) {
        return new Text(out);
    }

    /** One JSON object per line: {@code "type": "second"} for each second, {@code "type": "summary"} at the end. */
    static LoadReport json(PrintWriter out) {
        return new Json(out);
    }

    /** The words a person reads; the wording is free to change (scripts read {@link #json}). */
    final class Text implements LoadReport {
        private final PrintWriter out;

        Text(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void second(long second, long readings, long messages, long acknowledged, double average,
                           boolean warmUp) {
            out.printf(Locale.ROOT, "%5ds  sent %7d readings / %6d msgs in that second, acknowledged %d msgs, "
                    + "average %.0f readings/s%s%n", second, readings, messages, acknowledged, average,
                    warmUp ? "  (warm-up)" : "");
            out.flush();
        }

        @Override
        public void summary(LoadRunner.Result r, int connections, int warmUpSeconds) {
            out.printf(Locale.ROOT, "%s: %d readings / %d messages over %d connections in %.1f s%s: target %.0f "
                            + "readings/s, achieved %.0f readings/s; acknowledged %d, failed %d, unacknowledged at "
                            + "exit %d%n",
                    r.completed() ? "done" : "stopped", r.readings(), r.messages(), connections,
                    r.wall().toMillis() / 1000.0,
                    warmUpSeconds == 0 ? "" : " (the first " + warmUpSeconds + " s warming up, not in the rate)",
                    r.steadiness().target(), r.achievedRate(), r.acknowledged(), r.failed(), r.unacknowledged());
            out.println(r.steadiness().describe());
            out.flush();
        }
    }

    /** The machine-readable form: flat objects, so that a shell script can read a field without a JSON tool. */
    final class Json implements LoadReport {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final PrintWriter out;

        Json(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void second(long second, long readings, long messages, long acknowledged, double average,
                           boolean warmUp) {
            ObjectNode line = JSON.createObjectNode().put("type", "second").put("second", second)
                    .put("sent", readings).put("messages", messages).put("acked", acknowledged)
                    .put("average", Math.round(average * 10) / 10.0).put("warmUp", warmUp);
            write(line);
        }

        @Override
        public void summary(LoadRunner.Result r, int connections, int warmUpSeconds) {
            Steadiness s = r.steadiness();
            ObjectNode line = JSON.createObjectNode().put("type", "summary").put("completed", r.completed())
                    .put("sent", r.readings()).put("messages", r.messages()).put("acked", r.acknowledged())
                    .put("failed", r.failed()).put("unacked", r.unacknowledged()).put("connections", connections)
                    .put("elapsed", r.wall().toMillis() / 1000.0).put("warmUp", warmUpSeconds)
                    .put("target", s.target()).put("rate", Math.round(r.achievedRate() * 10) / 10.0)
                    .put("seconds", s.seconds());
            if (s.seconds() > 0) {
                line.put("min", s.min()).put("median", s.median()).put("max", s.max());
            } else {
                line.putNull("min").putNull("median").putNull("max");
            }
            line.put("held", s.held());
            write(line);
        }

        private void write(ObjectNode line) {
            out.println(line.toString());
            out.flush();
        }
    }
}
