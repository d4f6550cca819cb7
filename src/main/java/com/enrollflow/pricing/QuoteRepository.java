package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/** Stored quotes and their lines (quote, quote_line). */
@Repository
class QuoteRepository {

    private static final String COLUMNS = "id, opportunity_id, campus_code, product_line, grade, subject, "
            + "teacher_level, lessons, package_code, promotion_code, list_price, standard_discount, extra_discount, "
            + "discount_reason, final_price, discount_percent, total_discount_percent, unit_price, status, "
            + "created_by, created_at, voucher_amount, (select v.code from voucher v where v.id = quote.voucher_id) "
            + "as voucher_code";
    private static final String LINE_COLUMNS = "line_no, kind, item_code, description, lessons, unit_list_price, "
            + "list_amount, final_amount, unit_price";
    private static final RowMapper<QuoteLine> LINE_ROWS = (rs, n) -> new QuoteLine(rs.getInt("line_no"),
            rs.getString("kind"), rs.getString("item_code"), rs.getString("description"), rs.getInt("lessons"),
            rs.getBigDecimal("unit_list_price"), rs.getBigDecimal("list_amount"), rs.getBigDecimal("final_amount"),
            rs.getBigDecimal("unit_price"));

    /** The quote without its lines; {@link #withLines} adds them. */
    private static final RowMapper<Quote> QUOTE_ROWS = (rs, n) -> new Quote(rs.getLong("id"),
            rs.getLong("opportunity_id"), rs.getString("campus_code"),
            ProductLine.valueOf(rs.getString("product_line")), code(Grade.class, rs.getString("grade")),
            code(Subject.class, rs.getString("subject")), code(TeacherLevel.class, rs.getString("teacher_level")),
            rs.getInt("lessons"), rs.getString("package_code"), rs.getString("promotion_code"),
            rs.getBigDecimal("list_price"), rs.getBigDecimal("standard_discount"), rs.getBigDecimal("extra_discount"),
            rs.getString("discount_reason"), rs.getBigDecimal("final_price"), rs.getBigDecimal("discount_percent"),
            rs.getBigDecimal("total_discount_percent"), rs.getBigDecimal("unit_price"),
            QuoteStatus.valueOf(rs.getString("status")), rs.getString("created_by"),
            rs.getObject("created_at", OffsetDateTime.class), List.of(), rs.getString("voucher_code"),
            amountOrZero(rs.getBigDecimal("voucher_amount")));

    private final JdbcClient jdbc;

    QuoteRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Marks the open quotes (DRAFT, PENDING_APPROVAL, REJECTED) of the opportunity SUPERSEDED; how many. */
    int supersedeOpen(long opportunityId) {
        return jdbc.sql("update quote set status = 'SUPERSEDED', open_slot = null, version = version + 1 "
                + "where opportunity_id = ? and status in ('DRAFT', 'PENDING_APPROVAL', 'REJECTED')")
                .param(opportunityId).update();
    }

    /** Stores a quote with its lines; returns its id. */
    long insert(Quote q, LocalDate pricingDate) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into quote (opportunity_id, open_slot, campus_code, product_line, grade, subject, "
                + "teacher_level, lessons, package_code, promotion_code, list_price, standard_discount, extra_discount, "
                + "discount_reason, final_price, discount_percent, total_discount_percent, unit_price, status, "
                + "pricing_date, created_by, created_at, voucher_id, voucher_amount) "
                + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                + "(select v.id from voucher v where v.code = ?), ?)")
                .params(q.opportunityId(), q.status().open() ? q.opportunityId() : null, q.campusCode(),
                        q.productLine().name(), name(q.grade()), name(q.subject()), name(q.teacherLevel()),
                        q.lessons(), q.packageCode(), q.promotionCode(), q.listPrice(), q.standardDiscount(),
                        q.extraDiscount(), q.discountReason(), q.finalPrice(), q.discountPercent(),
                        q.totalDiscountPercent(), q.unitPrice(), q.status().name(), pricingDate, q.createdBy(),
                        q.createdAt(), q.voucherCode(), q.voucherCode() == null ? null : q.voucherAmount())
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (QuoteLine l : q.lines()) {
            jdbc.sql("insert into quote_line (quote_id, " + LINE_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(id, l.lineNo(), l.kind(), l.itemCode(), l.description(), l.lessons(), l.unitListPrice(),
                            l.listAmount(), l.finalAmount(), l.unitPrice())
                    .update();
        }
        return id;
    }

    Optional<Quote> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from quote where id = ?").param(id).query(QUOTE_ROWS).optional()
                .map(this::withLines);
    }

    /** The newest quote of the opportunity that is not SUPERSEDED. */
    Optional<Quote> latest(long opportunityId) {
        return jdbc.sql("select " + COLUMNS + " from quote where opportunity_id = ? and status <> 'SUPERSEDED' "
                + "order by id desc fetch first 1 rows only").param(opportunityId).query(QUOTE_ROWS).optional()
                .map(this::withLines);
    }

    /** Moves the quote from one status to another if it is still in the first; keeps open_slot in step. */
    boolean transition(long id, QuoteStatus from, QuoteStatus to) {
        return jdbc.sql("update quote set status = ?, open_slot = " + (to.open() ? "opportunity_id" : "null")
                + ", version = version + 1 where id = ? and status = ?")
                .params(to.name(), id, from.name()).update() == 1;
    }

    private Quote withLines(Quote q) {
        List<QuoteLine> lines = jdbc.sql("select " + LINE_COLUMNS + " from quote_line where quote_id = ? "
                + "order by line_no").param(q.id()).query(LINE_ROWS).list();
        return new Quote(q.id(), q.opportunityId(), q.campusCode(), q.productLine(), q.grade(), q.subject(),
                q.teacherLevel(), q.lessons(), q.packageCode(), q.promotionCode(), q.listPrice(), q.standardDiscount(),
                q.extraDiscount(), q.discountReason(), q.finalPrice(), q.discountPercent(), q.totalDiscountPercent(),
                q.unitPrice(), q.status(), q.createdBy(), q.createdAt(), lines, q.voucherCode(), q.voucherAmount());
    }

    private static BigDecimal amountOrZero(BigDecimal amount) {
        return amount == null ? BigDecimal.ZERO.setScale(2) : amount;
    }

    private static <E extends Enum<E>> E code(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
