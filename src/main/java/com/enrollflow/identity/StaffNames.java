package com.enrollflow.identity;

/**
 * A staff member's whole name from Camunda's two name fields (decision 693). Admin and Welcome label the first field
 * 姓 (family name) and the second 名 (given name), because the webapps print a user as "first last": the family name
 * comes first, as a Chinese name is read. Written out by EnrollFlow (timelines, mails, Cockpit), the parts join
 * without a space where either side is Chinese (李 + 伟 = 李伟, 欧阳 + 娜娜 = 欧阳娜娜) and with one between Latin
 * letters (Smith + John = Smith John). A whole name in the first field alone (the demo's accounts before this
 * decision) stays as it is.
 */
public final class StaffNames {

    private StaffNames() {
    }

    /** The whole name, family name first; empty when both parts are empty. */
    public static String whole(String familyName, String givenName) {
        String family = familyName == null ? "" : familyName.strip();
        String given = givenName == null ? "" : givenName.strip();
        if (family.isEmpty() || given.isEmpty()) {
            return family + given;
        }
        boolean chinese = han(family.codePointBefore(family.length())) || han(given.codePointAt(0));
        return chinese ? family + given : family + " " + given;
    }

    private static boolean han(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }
}
