package com.enrollflow.notification;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** Queues and sends e-mails; each business event is mailed once (dedupe key), whatever reruns. */
@Service
public class NotificationService {

    public record Notification(long id, String kind, String recipient, String subject, String body, String status) {
    }

    private static final Logger log = LoggerFactory.getLogger(NotificationService.class);

    private final JdbcClient jdbc;
    private final ObjectProvider<JavaMailSender> mail;
    private final NotificationDispatch dispatch;
    private final String from;
    private final Clock clock;

    NotificationService(JdbcClient jdbc, ObjectProvider<JavaMailSender> mail, NotificationDispatch dispatch,
            @Value("${enrollflow.notifications.from:enrollflow@localhost}") String from, Clock clock) {
        this.jdbc = jdbc;
        this.mail = mail;
        this.dispatch = dispatch;
        this.from = from;
        this.clock = clock;
        if (mail.getIfAvailable() == null) {
            log.warn("no SMTP server configured (spring.mail.host): e-mails to families and staff are written to the "
                    + "log and marked LOGGED, not sent");
        }
    }

    /** Stores the mail and starts its sending job; the same key again stores and sends nothing. */
    @Transactional
    public long enqueue(String dedupeKey, String kind, String recipient, String subject, String body) {
        return enqueue(null, dedupeKey, kind, recipient, subject, body);
    }

    /**
     * As {@link #enqueue(String, String, String, String, String)}, remembering which opportunity the mail is about:
     * erasing the customer's personal data (PIPL) then finds the mails that name them, also those sent to staff.
     */
    @Transactional
    public long enqueue(Long opportunityId, String dedupeKey, String kind, String recipient, String subject,
            String body) {
        Optional<Long> existing = jdbc.sql("select id from notification where dedupe_key = ?").param(dedupeKey)
                .query(Long.class).optional();
        if (existing.isPresent()) {
            return existing.get();
        }
        String status = recipient == null || recipient.isBlank() ? "SKIPPED" : "PENDING";
        jdbc.sql("insert into notification (dedupe_key, kind, recipient, subject, body, status, created_at, "
                + "opportunity_id) values (?, ?, ?, ?, ?, ?, ?, ?)").params(dedupeKey, kind, recipient, subject, body,
                        status, OffsetDateTime.now(clock), opportunityId).update();
        long id = jdbc.sql("select id from notification where dedupe_key = ?").param(dedupeKey).query(Long.class)
                .single();
        if ("PENDING".equals(status)) {
            dispatch.dispatch(id);
        }
        return id;
    }

    /** Whether a mail was stored under the key: sent, waiting, or skipped for want of an address. */
    public boolean enqueued(String dedupeKey) {
        return jdbc.sql("select count(*) from notification where dedupe_key = ?").param(dedupeKey)
                .query(Integer.class).single() > 0;
    }

    /** As {@link #enqueued(String)}, for any key beginning with {@code keyPrefix} (e.g. whatever version follows). */
    public boolean enqueuedUnder(String keyPrefix) {
        String literal = keyPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbc.sql("select count(*) from notification where dedupe_key like ? escape '\\'")
                .param(literal + "%").query(Integer.class).single() > 0;
    }

    /** Sends a pending mail; a failure propagates so the job retries and finally raises an incident. */
    @Transactional
    public void send(long id) {
        Notification n = find(id).orElseThrow();
        if (!"PENDING".equals(n.status())) {
            return;
        }
        JavaMailSender sender = mail.getIfAvailable();
        jdbc.sql("update notification set attempts = attempts + 1 where id = ?").param(id).update();
        if (sender == null) {
            log.info("mail (no SMTP server configured) to {}: {}\n{}", n.recipient(), n.subject(), n.body());
            jdbc.sql("update notification set status = 'LOGGED', sent_at = ? where id = ?")
                    .params(OffsetDateTime.now(clock), id).update();
            return;
        }
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
            helper.setFrom(from);
            helper.setTo(n.recipient());
            helper.setSubject(n.subject());
            helper.setText(n.body());
            sender.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("cannot build mail " + id + ": " + e.getMessage(), e);
        }
        jdbc.sql("update notification set status = 'SENT', sent_at = ? where id = ?")
                .params(OffsetDateTime.now(clock), id).update();
    }

    public Optional<Notification> find(long id) {
        return jdbc.sql("select id, kind, recipient, subject, body, status from notification where id = ?").param(id)
                .query((rs, n) -> new Notification(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6)))
                .optional();
    }
}
