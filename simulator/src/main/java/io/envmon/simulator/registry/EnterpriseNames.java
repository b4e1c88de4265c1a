package io.envmon.simulator.registry;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Plausible, unique Chinese company names per industry ("太谷县胡村鑫源玛钢铸造有限公司"). They are invented:
 * any likeness to a registered company is chance.
 */
final class EnterpriseNames {

    private static final List<String> PREFIXES = List.of("太谷县", "太谷区", "山西", "晋中市", "山西太谷");

    private static final List<String> BRANDS = List.of(
            "鑫源", "宏达", "恒通", "晋华", "金光", "永盛", "华顺", "泰丰", "兴隆", "瑞丰", "福源", "德昌",
            "三友", "华鑫", "新兴", "万通", "东升", "腾达", "富源", "盛达", "宏昌", "天成", "裕丰", "广源",
            "金泰", "昌盛", "汇丰", "隆盛", "嘉禾", "宝丰", "瑞祥", "荣华", "龙腾", "通达", "鼎盛", "聚源",
            "星光", "亿通", "晋阳", "明珠", "凯达", "顺发", "永安", "博通", "安泰", "祥和", "利民", "中兴");

    private static final List<String> FOUNDRY = List.of(
            "玛钢铸造有限公司", "铸造有限公司", "玛钢管件有限公司", "铸业有限公司", "玛钢厂", "机械铸造有限公司");
    private static final List<String> CARBON = List.of(
            "碳素有限公司", "炭素厂", "碳素制品有限公司", "石墨碳素有限公司", "新材料碳素有限公司");
    private static final List<String> BRICK_KILN = List.of(
            "页岩砖厂", "新型建材有限公司", "墙体材料有限公司", "砖厂", "建材有限公司");
    private static final List<String> BOILER = List.of(
            "热力有限公司", "供热有限公司", "食品有限公司", "酿造有限公司", "纺织有限公司", "饲料有限公司");

    private final Random random;
    private final Set<String> used = new HashSet<>();

    EnterpriseNames(Random random) {
        this.random = random;
    }

    /** A new name for a company of this industry near this place; sewage plants are named by their site. */
    String next(Industry industry, Place place) {
        if (industry == Industry.SEWAGE_PLANT) {
            used.add(place.name());
            return place.name();
        }
        while (true) {
            String prefix = pick(PREFIXES);
            // a town in the name reads naturally only after the county ("太谷县胡村…"), not after "山西" alone
            String town = prefix.contains("太谷") && random.nextInt(3) > 0 ? place.shortName() : "";
            String name = prefix + town + pick(BRANDS) + pick(suffixes(industry));
            if (used.add(name)) {
                return name;
            }
        }
    }

    private static List<String> suffixes(Industry industry) {
        return switch (industry) {
            case FOUNDRY -> FOUNDRY;
            case CARBON -> CARBON;
            case BRICK_KILN -> BRICK_KILN;
            case BOILER -> BOILER;
            case SEWAGE_PLANT -> throw new IllegalArgumentException("sewage plants are named by their site");
        };
    }

    private String pick(List<String> options) {
        return options.get(random.nextInt(options.size()));
    }
}
