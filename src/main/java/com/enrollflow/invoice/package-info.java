/**
 * Invoices (发票): a family's request for an invoice of what it paid on a contract, within what it paid and kept and
 * has not had invoiced yet; finance's answer (the number the tax platform gave, or why not); 红冲 of one issued.
 */
package com.enrollflow.invoice;
