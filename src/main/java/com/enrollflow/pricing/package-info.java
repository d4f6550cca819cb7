/**
 * Pricing and quotes (定价与报价): the price list (1:1 lesson rates, hour packages, promotions, class
 * offerings), the rules that turn a plan into a quote ({@link com.enrollflow.pricing.Pricing}) and the stored
 * quotes of an opportunity ({@link com.enrollflow.pricing.PricingService}). Never imports the engine; the
 * 方案与报价 delegate calls {@link com.enrollflow.pricing.PricingService}.
 */
package com.enrollflow.pricing;
