package com.enrollflow.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;


/** Collects field problems of one request, so that every bad field is reported at once. */
public final class InputRules {

    private static final Pattern MARKUP = Pattern.compile("[<>]");
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+$");

    private final List<FieldProblem> problems = new ArrayList<>();

    public String required(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "必填"));
            return null;
        }
        return optional(field, value, maxLength);
    }

    /** An optional e-mail address (a lead's, where an invoice goes), at most 254 characters; null when blank. */
    public String email(String field, String value) {
        String email = optional(field, value, 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            problem(field, "不是有效的电子邮箱地址");
        }
        return email;
    }

    public String optional(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        if (trimmed.length() > maxLength) {
            problems.add(new FieldProblem(field, "不能超过 " + maxLength + " 个字符（现为 " + trimmed.length() + "）"));
            return null;
        }
        int control = firstControl(trimmed);
        if (control >= 0) {
            // a NUL byte is refused by PostgreSQL (a server error), and no control character belongs in a text;
            // a direction override makes a text read otherwise than it is stored (a comment shown reversed)
            char c = trimmed.charAt(control);
            problems.add(new FieldProblem(field, "第 " + (control + 1) + " 个字符是" + (isDirectionControl(c)
                    ? "文字方向控制字符" : "控制字符") + "（U+" + String.format("%04X", (int) c) + "），请删除后再提交"));
            return null;
        }
        return trimmed;
    }

    /**
     * The first control character but tab and line breaks (a multi-line note keeps them), or bidirectional embedding,
     * override or isolate character, or -1.
     */
    private static int firstControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r' || isDirectionControl(c)) {
                return i;
            }
        }
        return -1;
    }

    /** U+202A–U+202E (embeddings, overrides) and U+2066–U+2069 (isolates); the plain marks LRM/RLM are kept. */
    private static boolean isDirectionControl(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069';
    }

    /** A person's or campaign's name: no markup characters, which never belong in a name. */
    public String plainText(String field, String value, int maxLength, boolean required) {
        String text = required ? required(field, value, maxLength) : optional(field, value, maxLength);
        if (text != null && MARKUP.matcher(text).find()) {
            problems.add(new FieldProblem(field, "不能包含 < 或 > 字符"));
            return null;
        }
        return text;
    }

    /**
     * A name (a family's, a student's, a campaign's, a class's): plain text on one line. A line break or a tab in a
     * name would break the line of every mail, contract and export that prints it (甲\n乙，您好).
     */
    public String name(String field, String value, int maxLength, boolean required) {
        String text = plainText(field, value, maxLength, required);
        if (text != null && text.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\t')) {
            problems.add(new FieldProblem(field, "不能包含换行或制表符"));
            return null;
        }
        return text;
    }

    /**
     * A code given as the code, its Chinese label or a variant staff write (see {@link Coded#parse}); an unknown
     * value names the field and lists the choices as staff know them.
     */
    public <E extends Enum<E> & Coded> E code(String field, String value, Class<E> type, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "必填，可选：" + Coded.allowed(type)));
            }
            return null;
        }
        Optional<E> parsed = Coded.parse(type, value);
        if (parsed.isEmpty()) {
            problems.add(new FieldProblem(field, Coded.unknown(type, value)));
            return null;
        }
        return parsed.get();
    }

    /**
     * As {@link #code(String, String, Class, boolean)}, where only {@code offered} may be chosen here: the choices
     * listed are those; a known value outside them is left to the caller, who says why (转课 takes one subject, not
     * 全科).
     */
    public <E extends Enum<E> & Coded> E code(String field, String value, Class<E> type, boolean required,
            java.util.Set<E> offered) {
        String choices = LabelIndex.of(type).choices(offered);
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(field, "必填，可选：" + choices));
            }
            return null;
        }
        Optional<E> parsed = Coded.parse(type, value);
        if (parsed.isEmpty()) {
            problems.add(new FieldProblem(field, "未知的" + Coded.noun(type) + "“" + LabelIndex.shorten(value)
                    + "”，可选：" + choices));
            return null;
        }
        return parsed.get();
    }

    /**
     * The earliest and latest day a report's period may name: far beyond any data, yet within the calendar the
     * comparison period's arithmetic and PostgreSQL's dates can take.
     */
    public static final java.time.LocalDate FIRST_REPORT_DAY = java.time.LocalDate.of(1900, 1, 1);
    public static final java.time.LocalDate LAST_REPORT_DAY = java.time.LocalDate.of(2099, 12, 31);

    /**
     * A report's period, each day already read (null: missing or not a date, reported by the caller): both between
     * {@link #FIRST_REPORT_DAY} and {@link #LAST_REPORT_DAY}, the end not before the start. A day such as
     * +999999999-12-31 is a valid ISO date, and the comparison period's arithmetic then failed with a server error.
     * The length is not limited: a longer period reads no more rows than the data holds.
     */
    public void period(java.time.LocalDate from, java.time.LocalDate to, String beforeStart) {
        boolean fromInRange = reportDay("from", from);
        boolean toInRange = reportDay("to", to);
        if (from != null && to != null && fromInRange && toInRange && to.isBefore(from)) {
            problem("to", beforeStart);
        }
    }

    private boolean reportDay(String field, java.time.LocalDate day) {
        if (day != null && (day.isBefore(FIRST_REPORT_DAY) || day.isAfter(LAST_REPORT_DAY))) {
            problem(field, "日期须在 " + FIRST_REPORT_DAY + " 至 " + LAST_REPORT_DAY + " 之间");
            return false;
        }
        return true;
    }

    /**
     * A day as ISO text (2026-12-01, what a form's date field sends); null when missing (a problem if
     * {@code required}) or not a date (a problem).
     */
    public java.time.LocalDate date(String field, String value, boolean required) {
        String text = required ? required(field, value, 10) : optional(field, value, 10);
        if (text == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(text);
        } catch (java.time.format.DateTimeParseException e) {
            problem(field, "日期格式应为 2026-12-01");
            return null;
        }
    }

    /**
     * A positive amount or percentage as staff type it (5,000, 6200.5, 3.5) or a form's number sends it: at most two
     * decimals and at most {@code max}. Null when missing (the problem {@code missing}, unless that is null: optional)
     * or refused; each problem begins with {@code noun} (价格应大于 0).
     */
    public java.math.BigDecimal positiveDecimal(String field, String value, String missing, String noun,
            java.math.BigDecimal max, String maxShown) {
        if (value == null || value.isBlank()) {
            if (missing != null) {
                problem(field, missing);
            }
            return null;
        }
        try {
            java.math.BigDecimal n = new java.math.BigDecimal(value.strip().replace(",", "").replace("，", ""));
            if (n.signum() <= 0) {
                problem(field, noun + "应大于 0");
            } else if (n.stripTrailingZeros().scale() > 2) {
                problem(field, noun + "最多两位小数（精确到分）");
            } else if (n.compareTo(max) > 0) {
                problem(field, noun + "不能超过 " + maxShown);
            } else {
                return n.setScale(2);
            }
        } catch (NumberFormatException e) {
            problem(field, "不是数字：“" + abbreviate(value) + "”");
        }
        return null;
    }

    public void problem(String field, String message) {
        problems.add(new FieldProblem(field, message));
    }

    public boolean hasProblems() {
        return !problems.isEmpty();
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
    }

    public static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
