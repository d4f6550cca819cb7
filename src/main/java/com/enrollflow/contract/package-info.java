/**
 * Contracts (合同): issued once a quote's approvals are all given. A gapless number per campus and year
 * ({@code BJ-HD-2026-00001}), a Chinese PDF ({@link com.enrollflow.contract.ContractPdf}) archived with its
 * SHA-256, and downloads that check it. The quote's terms come through the port
 * {@link com.enrollflow.contract.ContractTermsSource}; this package never imports the engine.
 */
package com.enrollflow.contract;
