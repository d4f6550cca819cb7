package com.enrollflow.pricing;

import java.util.List;
import java.util.Optional;

/** The reference data {@link Pricing} reads: from the database in the application, from memory in tests. */
interface PriceCatalog {

    boolean campusExists(String campusCode);

    /** Every rate of the campus, whatever its validity. */
    List<PriceRate> rates(String campusCode);

    /** The packages with this code, one per campus that has it. */
    List<HourPackage> hourPackages(String code);

    Optional<Promotion> promotion(String code);

    Optional<ClassOffering> classOffering(String code);
}
