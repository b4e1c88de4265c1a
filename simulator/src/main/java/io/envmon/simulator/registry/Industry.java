package io.envmon.simulator.registry;

/**
 * The industries of the district's regulated enterprises, with how many the default registry holds.
 * Malleable-iron foundries (玛钢) are Taigu's traditional industry, hence the largest group.
 */
enum Industry {
    FOUNDRY("foundry", 45),
    CARBON("carbon", 15),
    BRICK_KILN("brick_kiln", 20),
    BOILER("boiler", 20),
    SEWAGE_PLANT("sewage_plant", 9);

    private final String registryName;
    private final int count;

    Industry(String registryName, int count) {
        this.registryName = registryName;
        this.count = count;
    }

    /** The {@code industry} value in the registry. */
    String registryName() {
        return registryName;
    }

    int count() {
        return count;
    }
}
