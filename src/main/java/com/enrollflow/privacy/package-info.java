/**
 * Personal data (个人信息保护法 PIPL): the retention periods after which a customer's name, phone number and notes
 * are anonymised, the customer's deletion request (删除请求), and the audit record of every erasure. Erasing
 * blanks our tables ({@link com.enrollflow.privacy.PersonalData}) and the engine's records of the customer's
 * processes ({@link com.enrollflow.privacy.ProcessRecords}, implemented in the workflow adapter) in one
 * transaction. What the law requires to be kept (contracts, receipts, payments: 会计档案) keeps its figures and
 * numbers; the archived contract PDF is kept as issued. See docs/security.md, "Personal data (PIPL)".
 */
package com.enrollflow.privacy;
