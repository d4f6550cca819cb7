package com.enrollflow.customer;

/**
 * Whether a customer's personal data was erased (个人信息保护法, the privacy feature keeps the record). What the law
 * makes us keep of them, the contract and the refund agreement as issued (会计档案), is then kept for storage only:
 * {@link KeptDocuments}.
 */
public interface Erasures {

    boolean erased(long customerId);
}
