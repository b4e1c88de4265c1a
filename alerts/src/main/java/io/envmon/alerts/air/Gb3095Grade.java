package io.envmon.alerts.air;

/**
 * GB 3095 limit grades (一级/二级浓度限值): Grade I applies to class-1 zones (nature reserves, scenic areas;
 * 2026: national parks, nature reserves, natural parks and other specially protected areas), Grade II to
 * class-2 zones (residential, commercial, mixed, cultural, industrial and rural areas). standards.md §2.1.
 */
public enum Gb3095Grade {
    I,
    II
}
