package io.envmon.simulator.registry;

import java.util.List;

/**
 * The fixed geography the generator draws on: the district's extent, its towns, the air-station sites and
 * the two monitored rivers from upstream to downstream. Only the seeded jitter and the IDs of devices vary
 * with the seed, so every seed yields the same recognisable district.
 */
final class TaiguGeography {

    static final double MIN_LAT = 37.35;
    static final double MAX_LAT = 37.50;
    static final double MIN_LON = 112.45;
    static final double MAX_LON = 112.75;

    static final Place COUNTY_TOWN = new Place("明星镇", "明星", 37.421, 112.551);
    static final Place INDUSTRIAL_PARK = new Place("工业园区", "", 37.442, 112.520);
    static final Place HUCUN = new Place("胡村镇", "胡村", 37.448, 112.478);
    static final Place BEIGUANG = new Place("北洸乡", "北洸", 37.475, 112.560);
    static final Place FANCUN = new Place("范村镇", "范村", 37.390, 112.670);
    static final Place YANGYI = new Place("阳邑乡", "阳邑", 37.362, 112.718);
    static final Place XIAOBAI = new Place("小白乡", "小白", 37.366, 112.490);
    static final Place SHUIXIU = new Place("水秀乡", "水秀", 37.455, 112.630);
    static final Place HOUCHENG = new Place("侯城乡", "侯城", 37.400, 112.520);
    static final Place RENCUN = new Place("任村乡", "任村", 37.430, 112.690);

    /** Ambient air stations in ID order (TG-A01 …): the county town's sites first, then one per township. */
    static final List<Place> AIR_STATIONS = List.of(
            new Place("太谷区政府", "区政府", 37.4213, 112.5513),
            new Place("师范学院", "师范学院", 37.4300, 112.5680),
            new Place("职业中学", "职业中学", 37.4130, 112.5400),
            new Place("工业园区", "工业园区", 37.4420, 112.5200),
            new Place("胡村", "胡村", 37.4480, 112.4780),
            new Place("范村", "范村", 37.3900, 112.6700),
            new Place("小白", "小白", 37.3660, 112.4900),
            new Place("阳邑", "阳邑", 37.3620, 112.7180),
            new Place("北洸", "北洸", 37.4750, 112.5600),
            new Place("水秀", "水秀", 37.4550, 112.6300));

    /** A river section to be: where it is and the GB 3838 class its water-function zone must meet. */
    record SectionSite(String name, double lat, double lon, String targetClass) {
    }

    /** 象峪河 runs from the eastern hills westwards past the county town and joins 乌马河. */
    static final List<SectionSite> XIANGYU_RIVER = List.of(
            new SectionSite("象峪河象峪水库出口", 37.4700, 112.7200, "II"),
            new SectionSite("象峪河水秀桥", 37.4580, 112.6400, "III"),
            new SectionSite("象峪河城北", 37.4400, 112.5650, "III"),
            new SectionSite("象峪河入乌马河口", 37.4250, 112.4800, "IV"));

    /** 乌马河 runs from the south-eastern hills north-westwards and leaves the district in the west. */
    static final List<SectionSite> WUMA_RIVER = List.of(
            new SectionSite("乌马河阳邑", 37.3600, 112.7350, "II"),
            new SectionSite("乌马河范村桥", 37.3850, 112.6600, "III"),
            new SectionSite("乌马河小白", 37.3720, 112.5400, "IV"),
            new SectionSite("乌马河出境断面", 37.4000, 112.4600, "IV"));

    /** The district's wastewater treatment plants, each at its town on one of the rivers. */
    static final List<Place> SEWAGE_PLANTS = List.of(
            new Place("太谷区城市污水处理厂", "明星", 37.4150, 112.5250),
            new Place("太谷区第二污水处理厂", "明星", 37.4330, 112.5780),
            new Place("太谷经济技术开发区污水处理厂", "", 37.4380, 112.5050),
            new Place("胡村镇污水处理站", "胡村", 37.4420, 112.4720),
            new Place("范村镇污水处理站", "范村", 37.3830, 112.6620),
            new Place("北洸乡污水处理站", "北洸", 37.4680, 112.5520),
            new Place("阳邑乡污水处理站", "阳邑", 37.3580, 112.7250),
            new Place("水秀乡污水处理站", "水秀", 37.4560, 112.6380),
            new Place("小白乡污水处理站", "小白", 37.3700, 112.5300));

    private TaiguGeography() {
    }

    static double clampLat(double lat) {
        return Math.max(MIN_LAT, Math.min(MAX_LAT, lat));
    }

    static double clampLon(double lon) {
        return Math.max(MIN_LON, Math.min(MAX_LON, lon));
    }
}
