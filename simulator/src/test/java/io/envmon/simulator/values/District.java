package io.envmon.simulator.values;

import io.envmon.model.PointType;
import io.envmon.model.registry.Enterprise;
import io.envmon.model.registry.MonitoredPoint;
import io.envmon.model.registry.Outlet;
import io.envmon.model.registry.Registry;
import io.envmon.model.registry.RegistryFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The committed district registry (config/taigu.yaml) and small helpers to sample the models over it. */
final class District {

    static final Registry REGISTRY = RegistryFiles.load(Path.of("..", "config", "taigu.yaml"));

    private District() {
    }

    static MonitoredPoint point(String label) {
        return REGISTRY.points().stream().filter(p -> p.label().equals(label)).findFirst().orElseThrow();
    }

    static List<MonitoredPoint> points(PointType type) {
        return REGISTRY.points().stream().filter(p -> p.type() == type).toList();
    }

    static Enterprise enterprise(MonitoredPoint point) {
        return REGISTRY.enterprise(point.site()).orElseThrow();
    }

    static Outlet outlet(MonitoredPoint point) {
        return enterprise(point).outlets().stream().filter(o -> o.id().equals(point.outlet())).findFirst().orElseThrow();
    }

    /** One parameter every {@code step} for {@code count} steps. */
    static double[] series(ValueModel model, String parameter, Instant from, Duration step, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = model.valuesAt(from.plus(step.multipliedBy(i))).get(parameter);
        }
        return out;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    static double correlation(double[] a, double[] b) {
        double ma = mean(a);
        double mb = mean(b);
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Great-circle distance, near enough for a district. */
    static double km(double lat1, double lon1, double lat2, double lon2) {
        double dy = (lat1 - lat2) * 110.6;
        double dx = (lon1 - lon2) * 111.3 * Math.cos(Math.toRadians((lat1 + lat2) / 2));
        return Math.hypot(dx, dy);
    }
}
