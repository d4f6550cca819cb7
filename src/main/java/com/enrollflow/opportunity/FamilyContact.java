package com.enrollflow.opportunity;

/** Whom a mail to the family of an opportunity goes to, and the campus it speaks for (北京海淀校区, or 本校区). */
public record FamilyContact(String name, String email, String campusName) {

    /** Whether the family has an e-mail address: a mail to it is sent, else skipped (staff phone instead). */
    public boolean mailable() {
        return email != null && !email.isBlank();
    }
}
