package com.enrollflow.payment;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import com.enrollflow.assignment.StaffDirectory;
import com.enrollflow.common.ConflictException;
import com.enrollflow.common.NotFoundException;

/** Receipts of confirmed payments, rendered from what is stored (a reprint is identical). */
@Service
class Receipts {

    private final JdbcClient jdbc;
    private final PaymentService payments;
    private final ReceiptPdf pdf;
    private final StaffDirectory staff;

    Receipts(JdbcClient jdbc, PaymentService payments, ReceiptPdf pdf, StaffDirectory staff) {
        this.jdbc = jdbc;
        this.payments = payments;
        this.pdf = pdf;
        this.staff = staff;
    }

    String receiptNo(long paymentId) {
        return jdbc.sql("select receipt_no from payment where id = ?").param(paymentId).query(String.class).optional()
                .orElse(null);
    }

    byte[] receipt(long paymentId) {
        var row = jdbc.sql("select p.order_id, c.name customer_name, k.name campus_name, o.order_no, "
                + "coalesce(t.number, '—') contract_no from payment p join payment_order o on o.id = p.order_id "
                + "join opportunity y on y.id = o.opportunity_id join customer c on c.id = y.customer_id "
                + "join campus k on k.code = o.campus_code left join contract t on t.id = o.contract_id where p.id = ?")
                .param(paymentId).query().listOfRows();
        if (row.isEmpty()) {
            throw new NotFoundException("收款记录 " + paymentId + " 不存在");
        }
        var r = row.get(0);
        PaymentOrder order = payments.get(((Number) r.get("order_id")).longValue());
        PaymentOrder.Payment payment = order.payment(paymentId).orElseThrow();
        if (payment.receiptNo() == null) {
            throw new ConflictException(409, "这笔款项尚未确认到账，没有收据");
        }
        String method = payment.methodLabel();
        // 经办人: who confirmed the money, or took it at the desk; by name, as the family reads it
        // (an online payment: the platform's signed notice, no person)
        String handledBy = payment.confirmedBy() == null ? payment.recordedBy() : payment.confirmedBy();
        return pdf.render(new ReceiptPdf.Receipt(payment.receiptNo(), (String) r.get("campus_name"),
                (String) r.get("customer_name"), (String) r.get("order_no"), (String) r.get("contract_no"), payment,
                method, GatewayCallbacks.GATEWAY.equals(handledBy) ? "线上支付平台自动确认" : staff.personName(handledBy)));
    }
}
