package com.enrollflow.customer;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import com.enrollflow.common.RecordRowMapper;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

@Repository
public class CustomerRepository {

    /** Rows to records, snake_case columns to camelCase components (see RecordRowMapper). */
    private static final RowMapper<Customer> CUSTOMER_ROWS = RecordRowMapper.of(Customer.class);

    private static final String COLUMNS = "id, name, phone, email, created_at, birth_date";

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The customer with this phone, row-locked until the transaction ends: intake for one person is serial. */
    public Optional<Customer> lockByPhone(String e164) {
        return jdbc.sql("select " + COLUMNS + " from customer where phone = ? for update")
                .param(e164).query(CUSTOMER_ROWS).optional();
    }

    /** The customer of this id, row-locked until the transaction ends (an intake of the same phone waits). */
    public Optional<Customer> lockById(long id) {
        return jdbc.sql("select " + COLUMNS + " from customer where id = ? for update")
                .param(id).query(CUSTOMER_ROWS).optional();
    }

    /** Sets the student's birth date, a correction of what was given (the caller records why on the timeline). */
    public void setBirthDate(long id, java.time.LocalDate birthDate, OffsetDateTime now) {
        jdbc.sql("update customer set birth_date = ?, updated_at = ? where id = ?").params(birthDate, now, id).update();
    }

    public Optional<Customer> findByPhone(String e164) {
        return jdbc.sql("select " + COLUMNS + " from customer where phone = ?")
                .param(e164).query(CUSTOMER_ROWS).optional();
    }

    public Optional<Customer> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from customer where id = ?")
                .param(id).query(CUSTOMER_ROWS).optional();
    }

    /** The customer an opportunity is for, in one read (a task's card needs the customer, not the opportunity). */
    public Optional<Customer> findByOpportunity(long opportunityId) {
        return jdbc.sql("select " + COLUMNS + " from customer "
                + "where id = (select customer_id from opportunity where id = ?)")
                .param(opportunityId).query(CUSTOMER_ROWS).optional();
    }

    /** Inserts a new customer; a concurrent insert of the same phone fails on uq_customer_phone. */
    public long insert(String name, String e164, String email, OffsetDateTime now) {
        return insert(name, e164, email, null, now);
    }

    /** Inserts a new customer with the student's birth date (may be null). */
    public long insert(String name, String e164, String email, java.time.LocalDate birthDate, OffsetDateTime now) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into customer (name, phone, email, birth_date, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?, ?)").params(name, e164, email, birthDate, now, now).update(keys, "id");
        return keys.getKey().longValue();
    }

    /**
     * A later enquiry (or the import) that gives the student's birth date sets it when none is known; one already
     * known is kept, as the email is: a repeat enquiry does not overwrite what the family said before.
     */
    public void addMissingBirthDate(long id, java.time.LocalDate birthDate, OffsetDateTime now) {
        if (birthDate != null) {
            jdbc.sql("update customer set birth_date = ?, updated_at = ? where id = ? and birth_date is null")
                    .params(birthDate, now, id).update();
        }
    }

    public void addMissingEmail(long id, String email, OffsetDateTime now) {
        if (email != null) {
            jdbc.sql("update customer set email = ?, updated_at = ? where id = ? and email is null")
                    .params(email, now, id).update();
        }
    }

    /**
     * Where the customer has an open opportunity outside the scope's campuses (or call centres), as staff read it
     * (上海浦东校区; 呼叫中心 before intent); empty when the scope sees all of them.
     */
    public List<String> openOutside(long id, com.enrollflow.reference.Scope scope) {
        if (scope.all()) {
            return List.of();
        }
        return scope.bind(jdbc.sql("select distinct coalesce(c.name, '呼叫中心') from opportunity o left join campus c "
                + "on c.code = o.campus_code where o.customer_id = :customer and o.status = 'OPEN' and not ("
                + scope.opportunityCondition("o.") + ")")).param("customer", id).query(String.class).list();
    }
}
