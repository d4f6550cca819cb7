package com.enrollflow.payment;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The supervised accounts (资金监管账户) of the campuses: the account at the custodian bank into which a campus's
 * prepaid fees go (预收费监管). Every payment names the campus's current account when it is recorded; a campus that
 * changes bank opens a new account and the old one stays with the payments it received.
 */
@Repository
public class SupervisedAccounts {

    /** An account as finance reads it: 中国工商银行北京海淀支行 0200 0012 0920 0000 001（户名 …）. */
    public record Account(long id, String campusCode, String bankName, String accountNo, String accountName) {

        public String text() {
            return bankName + " " + accountNo + "（户名 " + accountName + "）";
        }
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    SupervisedAccounts(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The campus's account in use now, if one is registered. */
    public Optional<Account> current(String campusCode) {
        return jdbc.sql("select id, campus_code, bank_name, account_no, account_name from supervised_account "
                + "where current_campus_code = ?").param(campusCode)
                .query((rs, n) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .optional();
    }

    /** Every campus's account in use now, by campus. */
    public List<Account> allCurrent() {
        return jdbc.sql("select id, campus_code, bank_name, account_no, account_name from supervised_account "
                + "where current_campus_code is not null order by campus_code")
                .query((rs, n) -> new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5)))
                .list();
    }

    /**
     * Makes the account the campus's current one; the campus's earlier account is kept for the payments it received.
     * The same account number again changes nothing.
     */
    @Transactional
    public Account open(String campusCode, String bankName, String accountNo, String accountName) {
        Optional<Account> now = current(campusCode);
        if (now.isPresent() && now.get().accountNo().equals(accountNo)) {
            return now.get();
        }
        jdbc.sql("update supervised_account set current_campus_code = null where current_campus_code = ?")
                .param(campusCode).update();
        jdbc.sql("insert into supervised_account (campus_code, current_campus_code, bank_name, account_no, "
                + "account_name, opened_at) values (?, ?, ?, ?, ?, ?)")
                .params(campusCode, campusCode, bankName, accountNo, accountName, OffsetDateTime.now(clock)).update();
        return current(campusCode).orElseThrow();
    }
}
