package io.envmon.hj212;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields of one factor in a data region (hj212.md §4.1, §4.2): {@code w01018-Rtd=2.2,w01018-Flag=N} gives code
 * {@code w01018} with {@code Rtd -> "2.2"} and {@code Flag -> "N"}. Values stay the text sent (decimal text, maybe
 * empty, maybe a flag or an Info text) so nothing is lost before mapping; {@link #decimal} reads numbers.
 *
 * @param code   the factor code as sent: 2017/2025 ({@code a34004}), 2005 ({@code 011}), facility ({@code SB1}),
 *               site information ({@code i12001}) or anything a vendor invented
 * @param values suffix ({@code Rtd}, {@code Avg}, ...) to the value text, in the order received
 */
public record PollutantValues(String code, Map<String, String> values) {

    public static final String RTD = "Rtd";
    public static final String AVG = "Avg";
    public static final String MIN = "Min";
    public static final String MAX = "Max";
    public static final String COU = "Cou";
    public static final String ZS_RTD = "ZsRtd";
    public static final String ZS_AVG = "ZsAvg";
    public static final String ZS_MIN = "ZsMin";
    public static final String ZS_MAX = "ZsMax";
    public static final String FLAG = "Flag";
    public static final String EFLAG = "EFlag";
    public static final String SAMPLE_TIME = "SampleTime";
    /** Treatment facility running state ({@code SB1-RS}) and running hours ({@code SB1-RT}). */
    public static final String RS = "RS";
    public static final String RT = "RT";
    public static final String INFO = "Info";

    public PollutantValues {
        Objects.requireNonNull(code, "code");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The text of a suffix, {@code null} when the frame did not have it. */
    public String value(String suffix) {
        return values.get(suffix);
    }

    public String rtd() {
        return values.get(RTD);
    }

    public String flag() {
        return values.get(FLAG);
    }

    /** The value as a number; empty when absent, empty text, or not decimal text. */
    public Optional<BigDecimal> decimal(String suffix) {
        String text = values.get(suffix);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
