/**
 * Contracts (合同): issued once a quote's approvals are all given. A gapless number per campus and year
 * ({@code BJ-HD-2026-00001}), a Chinese PDF ({@link com.enrollflow.contract.ContractPdf}) archived with its
 * SHA-256, and downloads that check it. The quote's terms come through the port
 * {@link com.enrollflow.contract.ContractTermsSource}; this package never imports the engine.
 * {@link com.enrollflow.contract.ContractLookup} finds the contract an after-sales request is about as staff type it
 * (its number or the family's phone), for refunds and suspensions alike. What runs on a contract (a refund request,
 * a suspension, a transfer, a teacher change, an agreed renewal) each after-sales feature says through the port
 * {@link com.enrollflow.contract.ContractWork}; {@link com.enrollflow.contract.ContractWorks} asks them.
 */
package com.enrollflow.contract;
