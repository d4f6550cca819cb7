/**
 * Notifications by e-mail (SMTP, spring.mail.*): stored first, one row per business event (dedupe key), then sent by
 * a retried job of the notification process, so a failing mail server never blocks an enrollment and shows as an
 * incident. Without spring.mail.host (the demo default) mails are written to the log instead of sent.
 */
package com.enrollflow.notification;
