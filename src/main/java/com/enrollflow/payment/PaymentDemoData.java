package com.enrollflow.payment;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo supervised accounts (资金监管账户), one per demo campus at a custodian bank of its city
 * ({@code enrollflow.demo.enabled}); the numbers are invented. Opening an account already in use changes nothing, so
 * a restart changes nothing.
 */
@Component
@ConditionalOnProperty(name = "enrollflow.demo.enabled", havingValue = "true")
class PaymentDemoData {

    /** The account name is the institution's and the campus's: 户名 EnrollFlow 教育培训中心北京海淀校区预收费监管专户. */
    record DemoAccount(String campus, String bank, String accountNo, String campusName) {

        String accountName() {
            return "EnrollFlow 教育培训中心" + campusName + "预收费监管专户";
        }
    }

    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("BJ-HD", "中国工商银行北京海淀支行", "0200 0049 0920 0010 001", "北京海淀校区"),
            new DemoAccount("BJ-CY", "中国银行北京朝阳支行", "3456 7100 0010 0020 002", "北京朝阳校区"),
            new DemoAccount("SH-PD", "上海银行浦东分行", "0313 0003 0010 0030 003", "上海浦东校区"),
            new DemoAccount("SH-XH", "招商银行上海徐汇支行", "1219 0010 0040 0040 004", "上海徐汇校区"));

    private final SupervisedAccounts accounts;

    PaymentDemoData(SupervisedAccounts accounts) {
        this.accounts = accounts;
    }

    /** After the demo campuses (identity's DemoData, order 2). */
    @EventListener(ApplicationReadyEvent.class)
    @Order(3)
    public void load() {
        ACCOUNTS.forEach(a -> accounts.open(a.campus(), a.bank(), a.accountNo(), a.accountName()));
    }
}
