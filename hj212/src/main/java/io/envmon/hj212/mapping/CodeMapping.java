package io.envmon.hj212.mapping;

import io.envmon.model.PointType;

/**
 * One HJ 212 factor code mapped to a canonical parameter of a point type (CONTRACT §2).
 *
 * @param code         the factor code: 2017/2025 ({@code a34004}) or HJ/T 212-2005 ({@code 011})
 * @param source       where the code comes from: {@code HJ 212-2017}, {@code HJ/T 212-2005} or {@code de facto}
 *                     (codes real stations use that Annex B lacks, standards.md §5.1)
 * @param assumedUnit  the unit envmon assumes the device sends, unless overridden per device
 * @param annexUnit    the unit HJ 212-2017 Annex B prints, for reference (may differ from what devices send)
 * @param contractUnit the unit of the canonical parameter, from the model's ParameterCatalog
 */
public record CodeMapping(String code, String source, PointType pointType, String parameter, Unit assumedUnit,
                          Unit annexUnit, Unit contractUnit) {
}
