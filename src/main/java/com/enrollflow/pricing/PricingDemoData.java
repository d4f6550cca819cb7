package com.enrollflow.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.TeacherLevel;

/**
 * Demo price list for the four demo campuses ({@code enrollflow.demo.enabled}): 1:1 rates per teacher level and
 * grade (Shanghai 10 % dearer), hour packages, two promotions and a few winter and spring classes. Inserts only
 * what is missing, so a restart changes nothing.
 */
@Component
@ConditionalOnProperty(name = "enrollflow.demo.enabled", havingValue = "true")
class PricingDemoData {

    static final LocalDate RATES_FROM = LocalDate.of(2026, 1, 1);
    static final List<String> CAMPUSES = List.of("BJ-HD", "BJ-CY", "SH-PD", "SH-XH");

    record DemoClass(String suffix, String name, String subject, Grade grade, int lessons, String beijingPrice,
            String shanghaiPrice, LocalDate startsOn, String schedule) {
    }

    static final List<DemoClass> CLASSES = List.of(
            new DemoClass("J2-MATH-W", "初二数学寒假班", "MATH", Grade.J2, 16, "2528.00", "2784.00",
                    LocalDate.of(2027, 1, 20), "1月20日起每天 09:00–11:00"),
            new DemoClass("P5-ENG-W", "五年级英语寒假班", "ENGLISH", Grade.P5, 16, "2688.00", "2960.00",
                    LocalDate.of(2027, 1, 21), "1月21日起每天 14:00–16:00"),
            new DemoClass("J2-PHY-W", "初二物理寒假班", "PHYSICS", Grade.J2, 16, "2880.00", "3168.00",
                    LocalDate.of(2027, 1, 22), "1月22日起每天 09:00–11:00"),
            new DemoClass("S1-ENG-S", "高一英语春季班", "ENGLISH", Grade.S1, 20, "4400.00", "4840.00",
                    LocalDate.of(2027, 3, 6), "每周六 14:00–16:00"));

    private final JdbcClient jdbc;

    PricingDemoData(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per-lesson price of the demo rates: 180/260/360 for primary school, +20 junior, +40 senior. */
    static BigDecimal lessonPrice(String campus, TeacherLevel level, Grade grade) {
        int base = switch (level) {
            case STANDARD -> 180;
            case SENIOR -> 260;
            case MASTER -> 360;
        };
        int add = grade.name().startsWith("J") ? 20 : grade.name().startsWith("S") ? 40 : 0;
        BigDecimal price = BigDecimal.valueOf(base + add);
        if (campus.startsWith("SH")) {
            price = price.multiply(new BigDecimal("1.1")).setScale(0, RoundingMode.HALF_UP);
        }
        return price.setScale(2);
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(3)
    public void load() {
        for (String campus : CAMPUSES) {
            for (TeacherLevel level : TeacherLevel.values()) {
                for (Grade grade : Grade.values()) {
                    if (grade != Grade.K) {
                        rate(campus, grade, level, lessonPrice(campus, level, grade));
                    }
                }
            }
            hourPackage("PKG40", campus, "40课时包", 40, "5.00");
            hourPackage("PKG80", campus, "80课时包", 80, "10.00");
            hourPackage("PKG120", campus, "120课时包", 120, "12.00");
            String prefix = campus.replace("-", "");
            for (DemoClass c : CLASSES) {
                classOffering(prefix + "-" + c.suffix(), campus, c.name(), c.subject(), c.grade(), c.lessons(),
                        campus.startsWith("SH") ? c.shanghaiPrice() : c.beijingPrice(), c.startsOn(), c.schedule());
            }
        }
        promotion("WINTER2026", "2026寒假报名季", new BigDecimal("3.00"), null, LocalDate.of(2026, 11, 1),
                LocalDate.of(2027, 2, 28));
        promotion("REFER200", "老带新立减200", null, new BigDecimal("200.00"), LocalDate.of(2026, 1, 1),
                LocalDate.of(2027, 12, 31));
    }

    private void rate(String campus, Grade grade, TeacherLevel level, BigDecimal price) {
        boolean missing = jdbc.sql("select count(*) from price_rate where campus_code = ? and grade = ? "
                + "and subject is null and teacher_level = ? and valid_from = ?")
                .params(campus, grade.name(), level.name(), RATES_FROM).query(Integer.class).single() == 0;
        if (missing) {
            jdbc.sql("insert into price_rate (campus_code, grade, subject, teacher_level, lesson_price, valid_from, "
                    + "rate_key) values (?, ?, null, ?, ?, ?, ?)").params(campus, grade.name(), level.name(), price,
                            RATES_FROM, PriceRateChanges.key(level, grade, null)).update();
        }
    }

    private void hourPackage(String code, String campus, String name, int minLessons, String percent) {
        if (jdbc.sql("select count(*) from hour_package where campus_code = ? and code = ?").params(campus, code)
                .query(Integer.class).single() == 0) {
            jdbc.sql("insert into hour_package (code, campus_code, product_line, name, min_lessons, discount_percent, "
                    + "active) values (?, ?, ?, ?, ?, ?, true)")
                    .params(code, campus, ProductLine.ONE_ON_ONE.name(), name, minLessons, new BigDecimal(percent))
                    .update();
        }
    }

    private void promotion(String code, String name, BigDecimal percentOff, BigDecimal amountOff, LocalDate from,
            LocalDate to) {
        if (jdbc.sql("select count(*) from promotion where code = ?").param(code).query(Integer.class).single() == 0) {
            jdbc.sql("insert into promotion (code, name, campus_code, product_line, percent_off, amount_off, "
                    + "valid_from, valid_to) values (?, ?, null, null, ?, ?, ?, ?)")
                    .params(code, name, percentOff, amountOff, from, to).update();
        }
    }

    private void classOffering(String code, String campus, String name, String subject, Grade grade, int lessons,
            String price, LocalDate startsOn, String schedule) {
        if (jdbc.sql("select count(*) from class_offering where code = ?").param(code).query(Integer.class)
                .single() == 0) {
            jdbc.sql("insert into class_offering (code, campus_code, name, subject, grade, lessons, price, starts_on, "
                    + "active, open_name, schedule) values (?, ?, ?, ?, ?, ?, ?, ?, true, ?, ?)")
                    .params(code, campus, name, subject, grade.name(), lessons, new BigDecimal(price), startsOn, name,
                            schedule).update();
        }
        // a demo class loaded before V75 asked when classes meet
        jdbc.sql("update class_offering set schedule = ? where code = ? and schedule is null").params(schedule, code)
                .update();
    }
}
