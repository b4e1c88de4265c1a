package io.envmon.alerts.emission;

import io.envmon.model.registry.Outlet;

/**
 * What a stack's concentrations are converted to before they are judged (standards.md §6.1): a reference O2
 * (GB 13271-2014, GB 39726-2020) or a reference excess-air coefficient α (GB 9078-1996 §5.2 industrial kilns,
 * GB 29620-2013 §4.7 brick and tile kilns: α 1.7). The two are not the same conversion: α 1.7 is not "8.6 % O2"
 * (21 − 21 / 1.7 = 8.647 %), and the shortcut shifts every value by about 0.4 %.
 */
public sealed interface O2Basis {

    /** The outlet's basis, or {@code null} when the measured value is judged as is. */
    static O2Basis of(Outlet outlet) {
        if (outlet == null) {
            return null;
        }
        if (outlet.alphaRef() != null) {
            return new ExcessAir(outlet.alphaRef());
        }
        return outlet.referenceO2() == null ? null : new ReferenceO2(outlet.referenceO2());
    }

    /** How the conversion is named in an alert's Chinese text. */
    String zh();

    /** How the conversion is named in an alert's English text. */
    String en();

    /** {@code C × (21 − O2_ref) / (21 − O2)}. */
    record ReferenceO2(double percent) implements O2Basis {
        @Override
        public String zh() {
            return "基准含氧量 " + plain(percent) + "%";
        }

        @Override
        public String en() {
            return plain(percent) + " % O2";
        }
    }

    /** {@code C × α / α_ref}, α = 21 / (21 − O2). */
    record ExcessAir(double alpha) implements O2Basis {
        @Override
        public String zh() {
            return "基准过量空气系数 " + plain(alpha);
        }

        @Override
        public String en() {
            return "excess-air coefficient " + plain(alpha);
        }
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
