package io.envmon.simulator.registry;

/**
 * A named place in Taigu District with approximate coordinates (WGS 84). The coordinates are synthetic,
 * chosen to fall inside the district's extent; they are not surveyed positions of real sites.
 *
 * @param shortName the name without its 镇/乡 suffix, as it appears inside enterprise names ("胡村"); empty where
 *                  a company name would not mention the place
 */
record Place(String name, String shortName, double lat, double lon) {
}
