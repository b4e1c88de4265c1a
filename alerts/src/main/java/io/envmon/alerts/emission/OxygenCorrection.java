package io.envmon.alerts.emission;

/**
 * Converts a measured stack concentration to the reference oxygen content (standards.md §6.1):
 *
 * <pre>
 * C_ref = C_meas × (21 − O2_ref) / (21 − O2_meas)          GB 13271-2014 Eq. 1; GB 39726-2020 Eq. 1
 * C_ref = C_meas × α_meas / α_ref, α_meas = 21 / (21 − O2)   GB 29620-2013 §4.7, GB 9078-1996 §5.2
 * </pre>
 *
 * O2 is dry-basis volume %. Reference values (per outlet, from the registry): coal boiler 9 %, oil/gas boiler
 * 3.5 %, coal power 6 %, cupola cold blast 15 % / hot blast 12 %, gas-fired furnace 8 %, VOC combustion 3 %;
 * brick kilns α_ref 1.7.
 *
 * <p><b>Suppression.</b> As O2_meas approaches 21 % (start-up, shutdown, air leaking into the duct, a stopped
 * fan) the factor 1 / (21 − O2) blows up and a near-zero concentration becomes a huge "exceedance". Platforms
 * therefore suppress and flag corrected values in those periods instead of alarming (a platform practice, not
 * a rule of the standards). At or above {@code suppressAtO2} (default <b>19 %</b>) no corrected value is given.
 * At 19 % the factor is at most (21 − O2_ref) / 2: 6 for a 9 % reference, 8.75 for 3.5 %; above it grows
 * without bound (×12 at 20 %, ×24 at 20.5 % for 9 %).
 */
public final class OxygenCorrection {

    /** Default suppression threshold, % O2. */
    public static final double DEFAULT_SUPPRESS_AT_O2 = 19.0;

    private static final double AIR_O2 = 21.0;

    private final double suppressAtO2;

    public OxygenCorrection() {
        this(DEFAULT_SUPPRESS_AT_O2);
    }

    /** @param suppressAtO2 O2 % at or above which correction is suppressed; in (0, 21] */
    public OxygenCorrection(double suppressAtO2) {
        if (!(suppressAtO2 > 0 && suppressAtO2 <= AIR_O2)) {
            throw new IllegalArgumentException("o2 suppression threshold must be in (0, 21] %, not " + suppressAtO2);
        }
        this.suppressAtO2 = suppressAtO2;
    }

    public double suppressAtO2() {
        return suppressAtO2;
    }

    /**
     * Converts {@code measured} at {@code o2} % to {@code referenceO2} % ({@code null}: no reference applies, the
     * measured value is judged).
     *
     * @throws IllegalArgumentException for a negative or non-finite concentration or O2, or a reference outside [0, 21)
     */
    public O2Corrected correct(double measured, double o2, Double referenceO2) {
        checkInputs(measured, o2);
        if (referenceO2 == null) {
            return new O2Corrected.NotRequired(measured);
        }
        if (!(referenceO2 >= 0 && referenceO2 < AIR_O2)) {
            throw new IllegalArgumentException("reference O2 must be in [0, 21) %, not " + referenceO2);
        }
        if (o2 >= suppressAtO2) {
            return suppressed(measured, o2);
        }
        double factor = (AIR_O2 - referenceO2) / (AIR_O2 - o2);
        return new O2Corrected.Corrected(measured * factor, measured, o2, referenceO2, factor);
    }

    /** Converts {@code measured} at {@code o2} % to the outlet's basis ({@code null}: the measured value is judged). */
    public O2Corrected convert(double measured, double o2, O2Basis basis) {
        if (basis instanceof O2Basis.ExcessAir a) {
            return correctByExcessAir(measured, o2, a.alpha());
        }
        return correct(measured, o2, basis == null ? null : ((O2Basis.ReferenceO2) basis).percent());
    }

    /**
     * Converts by excess-air coefficient: {@code C × α_meas / α_ref} with α_meas = 21 / (21 − O2) (GB 29620-2013
     * §4.7: α_ref 1.7; GB 9078-1996 §5.2). The result's {@code referenceO2} is the O2 equivalent of α_ref,
     * 21 − 21 / α_ref (≈ 8.65 % for 1.7).
     */
    public O2Corrected correctByExcessAir(double measured, double o2, double alphaRef) {
        checkInputs(measured, o2);
        if (!(alphaRef >= 1) || !Double.isFinite(alphaRef)) {
            throw new IllegalArgumentException("reference excess-air coefficient must be ≥ 1, not " + alphaRef);
        }
        if (o2 >= suppressAtO2) {
            return suppressed(measured, o2);
        }
        double factor = AIR_O2 / (AIR_O2 - o2) / alphaRef;
        return new O2Corrected.Corrected(measured * factor, measured, o2, AIR_O2 - AIR_O2 / alphaRef, factor);
    }

    private O2Corrected suppressed(double measured, double o2) {
        return new O2Corrected.Suppressed(measured, o2, suppressAtO2,
                "not corrected: O2 " + o2 + " % is too close to 21 % (threshold " + suppressAtO2
                        + " %; start-up, shutdown or air leak)");
    }

    private static void checkInputs(double measured, double o2) {
        if (!Double.isFinite(measured) || measured < 0) {
            throw new IllegalArgumentException("concentration must be a finite number ≥ 0, not " + measured);
        }
        if (!Double.isFinite(o2) || o2 < 0) {
            throw new IllegalArgumentException("O2 must be a finite % ≥ 0, not " + o2);
        }
    }
}
