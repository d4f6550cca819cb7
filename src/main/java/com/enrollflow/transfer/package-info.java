/**
 * 转课 (transfer): a contract's remaining 1:1 lessons move to another course or teacher level, priced by the current
 * price list; the difference is paid as an added installment, or paid back through the refund gate, or kept as the
 * family's balance (transfer-settlement.dmn). Asked through POST /api/contracts/{id}/transfers or the Tasklist start
 * form 申请转课, the contract then typed as staff know it ({@code contract.ContractLookup}). The engine side is in
 * {@code workflow.transfer}.
 */
package com.enrollflow.transfer;
