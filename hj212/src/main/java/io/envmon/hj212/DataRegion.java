package io.envmon.hj212;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parsed data region ({@code CP=&&...&&}, hj212.md §4).
 *
 * @param dataTime    {@code DataTime} read in the codec's zone, or {@code null} when absent or unreadable. For
 *                    2051/2061/2031 it is the <b>start</b> of the period (hj212.md §4.2)
 * @param plainFields the fields that are not factor fields ({@code DataTime}, {@code QnRtn}, {@code PolId},
 *                    {@code BeginTime}, ...), name to text, in the order received; {@code DataTime} is here too
 * @param pollutants  the factor fields grouped by code, in order of first appearance, unknown codes included
 */
public record DataRegion(Instant dataTime, Map<String, String> plainFields, List<PollutantValues> pollutants) {

    public static final String DATA_TIME = "DataTime";
    public static final DataRegion EMPTY = new DataRegion(null, Map.of(), List.of());

    public DataRegion {
        plainFields = Collections.unmodifiableMap(new LinkedHashMap<>(plainFields));
        pollutants = List.copyOf(pollutants);
    }

    public Optional<PollutantValues> pollutant(String code) {
        return pollutants.stream().filter(p -> p.code().equals(code)).findFirst();
    }

    /** A plain field's text, {@code null} when absent. */
    public String field(String name) {
        return plainFields.get(name);
    }

    /**
     * {@code DataTime} as sent, without a zone, so that a caller who knows the device's own zone can place it
     * (the codec's zone is per connection; the device is known only after its MN is looked up). 14 or 17 digits.
     */
    public Optional<LocalDateTime> localDataTime() {
        String text = plainFields.get(DATA_TIME);
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Hj212Time.parseLocal(text.trim(), true));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The region of a split message (hj212.md §1.5): the parts in PNO order, each repeating {@code DataTime}. Plain
     * fields and factor fields of the same code are merged; the first value of a field wins.
     */
    public static DataRegion merge(List<DataRegion> parts) {
        if (parts.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> plain = new LinkedHashMap<>();
        Map<String, Map<String, String>> byCode = new LinkedHashMap<>();
        for (DataRegion part : parts) {
            part.plainFields().forEach(plain::putIfAbsent);
            for (PollutantValues p : part.pollutants()) {
                Map<String, String> values = byCode.computeIfAbsent(p.code(), c -> new LinkedHashMap<>());
                p.values().forEach(values::putIfAbsent);
            }
        }
        List<PollutantValues> pollutants = new ArrayList<>();
        byCode.forEach((code, values) -> pollutants.add(new PollutantValues(code, values)));
        return new DataRegion(parts.get(0).dataTime(), plain, pollutants);
    }
}
