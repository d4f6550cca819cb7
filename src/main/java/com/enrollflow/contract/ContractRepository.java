package com.enrollflow.contract;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Contracts and their archived PDFs (contract, contract_document); numbers come from contract_counter. */
@Repository
class ContractRepository {

    private static final String COLUMNS = "id, number, campus_code, contract_year, seq, quote_id, opportunity_id, "
            + "customer_id, final_price, status, issued_at, issued_by, sha256, pdf_size";
    private static final RowMapper<Contract> CONTRACT_ROWS = (rs, n) -> new Contract(rs.getLong("id"),
            rs.getString("number"), rs.getString("campus_code"), rs.getInt("contract_year"), rs.getInt("seq"),
            rs.getLong("quote_id"), rs.getLong("opportunity_id"), rs.getLong("customer_id"),
            rs.getBigDecimal("final_price"), rs.getString("status"), rs.getObject("issued_at", OffsetDateTime.class),
            rs.getString("issued_by"), rs.getString("sha256"), rs.getInt("pdf_size"));

    private final JdbcClient jdbc;

    ContractRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A new contract as it is stored; the number is drawn before. */
    record NewContract(String number, String campusCode, int year, int seq, long quoteId, long opportunityId,
            long customerId, BigDecimal finalPrice, String issuedBy, OffsetDateTime issuedAt, String sha256,
            int pdfSize) {
    }

    /** Why and by whom a contract was cancelled; empty fields while it stands. */
    record Cancellation(String reason, String by, OffsetDateTime at) {
    }

    /** A stored PDF with the checksum and size recorded when it was issued. */
    record StoredDocument(long contractId, String number, byte[] pdf, String sha256, int pdfSize) {
    }

    long insert(NewContract c) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into contract (number, campus_code, contract_year, seq, quote_id, opportunity_id, "
                + "customer_id, final_price, status, issued_by, issued_at, sha256, pdf_size) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(c.number(), c.campusCode(), c.year(), c.seq(), c.quoteId(), c.opportunityId(),
                        c.customerId(), c.finalPrice(), ContractStatus.ISSUED.name(), c.issuedBy(), c.issuedAt(),
                        c.sha256(), c.pdfSize())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    void insertDocument(long contractId, byte[] pdf) {
        jdbc.sql("insert into contract_document (contract_id, pdf) values (?, ?)").params(contractId, pdf).update();
    }

    Optional<Contract> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from contract where id = ?").param(id).query(CONTRACT_ROWS)
                .optional();
    }

    Optional<Contract> lock(long id) {
        return jdbc.sql("select " + COLUMNS + " from contract where id = ? for update").param(id)
                .query(CONTRACT_ROWS).optional();
    }

    Optional<Contract> forQuote(long quoteId) {
        return jdbc.sql("select " + COLUMNS + " from contract where quote_id = ?").param(quoteId)
                .query(CONTRACT_ROWS).optional();
    }

    Optional<Contract> byNumber(String number) {
        return jdbc.sql("select " + COLUMNS + " from contract where number = ?").param(number).query(CONTRACT_ROWS)
                .optional();
    }

    List<Contract> forCustomer(long customerId) {
        return jdbc.sql("select " + COLUMNS + " from contract where customer_id = ? order by issued_at, id")
                .param(customerId).query(CONTRACT_ROWS).list();
    }

    List<Contract> forOpportunity(long opportunityId) {
        return jdbc.sql("select " + COLUMNS + " from contract where opportunity_id = ? order by issued_at, id")
                .param(opportunityId).query(CONTRACT_ROWS).list();
    }

    Optional<Cancellation> cancellation(long id) {
        return jdbc.sql("select cancel_reason, cancelled_by, cancelled_at from contract where id = ? "
                + "and status = 'CANCELLED'").param(id)
                .query((rs, n) -> new Cancellation(rs.getString("cancel_reason"), rs.getString("cancelled_by"),
                        rs.getObject("cancelled_at", OffsetDateTime.class)))
                .optional();
    }

    void cancel(long id, String reason, String by, OffsetDateTime at) {
        jdbc.sql("update contract set status = 'CANCELLED', cancel_reason = ?, cancelled_by = ?, cancelled_at = ? "
                + "where id = ?").params(reason, by, at, id).update();
    }

    /** ISSUED → the refunded status; false when the contract was not issued (any more). */
    boolean refunded(long id, ContractStatus status) {
        return jdbc.sql("update contract set status = ? where id = ? and status = 'ISSUED'").params(status.name(), id)
                .update() == 1;
    }

    Optional<StoredDocument> document(long contractId) {
        return jdbc.sql("select c.id, c.number, c.sha256, c.pdf_size, d.pdf from contract c "
                + "join contract_document d on d.contract_id = c.id where c.id = ?").param(contractId)
                .query((rs, n) -> new StoredDocument(rs.getLong("id"), rs.getString("number"), rs.getBytes("pdf"),
                        rs.getString("sha256"), rs.getInt("pdf_size")))
                .optional();
    }
}
