package com.enrollflow.reference;

/** A campus (校区). */
public record Campus(String code, String name, String city) {

    /**
     * The campus's Camunda tenant id (校区数据范围): its code without the hyphen ("BJ-HD" → "BJHD"), because the
     * engine accepts letters and digits only in tenant ids.
     */
    public static String tenantId(String campusCode) {
        return campusCode == null ? null : campusCode.replaceAll("[^A-Za-z0-9]", "");
    }

    public String tenantId() {
        return tenantId(code);
    }
}
