package com.enrollflow.invoice;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * An invoice request (开票申请) and what finance made of it. {@code invoiceNo} (FP000012) is its public id and its
 * process's business key; {@code invoiceNumber} is the 发票号码 the tax platform gave once issued.
 */
public record Invoice(long id, String invoiceNo, long contractId, long opportunityId, String campusCode,
        TitleType titleType, String title, String taxId, BigDecimal amount, String email, String note,
        InvoiceStatus status, String requestedBy, OffsetDateTime requestedAt, String invoiceNumber, LocalDate issuedOn,
        String decidedBy, OffsetDateTime decidedAt, String refusalReason, String reversedBy, OffsetDateTime reversedAt,
        String reversalReason) {

    static String number(long id) {
        return String.format("FP%06d", id);
    }

    /** 发票抬头的类型. */
    @com.enrollflow.common.CodeName("抬头类型")
    public enum TitleType implements com.enrollflow.common.Coded {
        PERSONAL("个人", "个人或家庭"), COMPANY("单位", "企业", "公司");

        private final String label;
        private final java.util.List<String> aliases;

        TitleType(String label, String... aliases) {
            this.label = label;
            this.aliases = java.util.List.of(aliases);
        }

        @Override
        public String label() {
            return label;
        }

        @Override
        public java.util.List<String> aliases() {
            return aliases;
        }
    }

    /** Where a request stands. */
    public enum InvoiceStatus {
        REQUESTED("待开票"), ISSUED("已开具"), REFUSED("未开具"), REVERSED("已红冲");

        private final String label;

        InvoiceStatus(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
