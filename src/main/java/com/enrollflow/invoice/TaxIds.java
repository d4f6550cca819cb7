package com.enrollflow.invoice;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * 纳税人识别号 as the tax platform takes it: the 18-character 统一社会信用代码 (GB 32100-2015), whose last character is
 * a check character over the first 17 (weights 3^i mod 31, over the 31 characters the code uses — no I, O, S, V, Z);
 * or, for a taxpayer registered before 2015, an old identification number of 15 or 20 digits and capital letters,
 * which carries no check. Written without spaces, capitals as the certificate prints them.
 */
final class TaxIds {

    private static final String CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final Pattern OLD = Pattern.compile("[0-9A-Z]{15}|[0-9A-Z]{20}");

    private TaxIds() {
    }

    /** The id as stored (spaces removed, capitals), or null when it is not one; {@link #problem} says why. */
    static String normalize(String typed) {
        return typed == null ? null : typed.replaceAll("[\\s\\u3000]", "").toUpperCase(Locale.ROOT);
    }

    /** Why {@code id} (normalized) is no 纳税人识别号, or null when it is one. */
    static String problem(String id) {
        if (id.length() == 18) {
            for (int i = 0; i < 18; i++) {
                if (CHARS.indexOf(id.charAt(i)) < 0) {
                    return "统一社会信用代码第 " + (i + 1) + " 位“" + id.charAt(i) + "”不是有效字符（不含 I、O、S、V、Z）";
                }
            }
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += CHARS.indexOf(id.charAt(i)) * WEIGHTS[i];
            }
            char check = CHARS.charAt((31 - sum % 31) % 31);
            return id.charAt(17) == check ? null : "统一社会信用代码校验位不符，请核对营业执照上的代码";
        }
        return OLD.matcher(id).matches() ? null
                : "应为 18 位统一社会信用代码（或 2015 年以前登记的 15 位、20 位纳税人识别号），现为 " + id.length() + " 位";
    }
}
