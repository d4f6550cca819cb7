package com.enrollflow.pricing;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.enrollflow.reference.CampusRepository;
import com.enrollflow.reference.Grade;
import com.enrollflow.reference.ProductLine;
import com.enrollflow.reference.Subject;
import com.enrollflow.reference.TeacherLevel;

/** The price list in the database (price_rate, hour_package, promotion, class_offering). */
@Repository
class PriceCatalogRepository implements PriceCatalog {

    private static final String RATE_COLUMNS =
            "id, campus_code, grade, subject, teacher_level, lesson_price, valid_from, valid_to";
    private static final RowMapper<PriceRate> RATE_ROWS = (rs, n) -> new PriceRate(rs.getLong("id"),
            rs.getString("campus_code"), grade(rs.getString("grade")), subject(rs.getString("subject")),
            TeacherLevel.valueOf(rs.getString("teacher_level")), rs.getBigDecimal("lesson_price"),
            rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class));
    private static final String PACKAGE_COLUMNS =
            "code, campus_code, product_line, name, min_lessons, discount_percent, active";
    private static final RowMapper<HourPackage> PACKAGE_ROWS = (rs, n) -> new HourPackage(rs.getString("code"),
            rs.getString("campus_code"), ProductLine.valueOf(rs.getString("product_line")), rs.getString("name"),
            rs.getInt("min_lessons"), rs.getBigDecimal("discount_percent"), rs.getBoolean("active"));
    private static final String PROMOTION_COLUMNS =
            "code, name, campus_code, product_line, percent_off, amount_off, valid_from, valid_to";
    private static final RowMapper<Promotion> PROMOTION_ROWS = (rs, n) -> new Promotion(rs.getString("code"),
            rs.getString("name"), rs.getString("campus_code"), productLine(rs.getString("product_line")),
            rs.getBigDecimal("percent_off"), rs.getBigDecimal("amount_off"),
            rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class));
    private static final String CLASS_COLUMNS = "code, campus_code, name, subject, grade, lessons, price, starts_on, "
            + "active, (select count(*) from class_session s where s.class_code = class_offering.code) as held, "
            + "schedule";
    private static final RowMapper<ClassOffering> CLASS_ROWS = (rs, n) -> new ClassOffering(rs.getString("code"),
            rs.getString("campus_code"), rs.getString("name"), Subject.valueOf(rs.getString("subject")),
            Grade.valueOf(rs.getString("grade")), rs.getInt("lessons"), rs.getBigDecimal("price"),
            rs.getObject("starts_on", LocalDate.class), rs.getBoolean("active"), rs.getInt("held"),
            rs.getString("schedule"));

    private final JdbcClient jdbc;
    private final CampusRepository campuses;

    PriceCatalogRepository(JdbcClient jdbc, CampusRepository campuses) {
        this.jdbc = jdbc;
        this.campuses = campuses;
    }

    @Override
    public boolean campusExists(String campusCode) {
        return campuses.exists(campusCode);
    }

    @Override
    public List<PriceRate> rates(String campusCode) {
        return jdbc.sql("select " + RATE_COLUMNS + " from price_rate where campus_code = ? order by id")
                .param(campusCode).query(RATE_ROWS).list();
    }

    @Override
    public List<HourPackage> hourPackages(String code) {
        return jdbc.sql("select " + PACKAGE_COLUMNS + " from hour_package where code = ? order by campus_code")
                .param(code).query(PACKAGE_ROWS).list();
    }

    @Override
    public Optional<Promotion> promotion(String code) {
        return jdbc.sql("select " + PROMOTION_COLUMNS + " from promotion where code = ?").param(code)
                .query(PROMOTION_ROWS).optional();
    }

    @Override
    public Optional<ClassOffering> classOffering(String code) {
        return jdbc.sql("select " + CLASS_COLUMNS + " from class_offering where code = ?").param(code)
                .query(CLASS_ROWS).optional();
    }

    /** Rates of the campus valid on the day, cheapest level and lowest grade first. */
    List<PriceRate> ratesValidOn(String campusCode, LocalDate on) {
        return rates(campusCode).stream().filter(r -> r.validOn(on))
                .sorted(Comparator.comparing(PriceRate::teacherLevel)
                        .thenComparing(r -> r.grade() == null ? -1 : r.grade().ordinal())
                        .thenComparing(r -> r.subject() == null ? -1 : r.subject().ordinal()))
                .toList();
    }

    List<HourPackage> activePackages(String campusCode) {
        return jdbc.sql("select " + PACKAGE_COLUMNS + " from hour_package where campus_code = ? and active = true "
                + "order by min_lessons, code").param(campusCode).query(PACKAGE_ROWS).list();
    }

    /** Promotions running on the day at the campus (or at every campus). */
    List<Promotion> promotionsOn(String campusCode, LocalDate on) {
        return jdbc.sql("select " + PROMOTION_COLUMNS + " from promotion where (campus_code is null or campus_code = ?) "
                + "and valid_from <= ? and valid_to >= ? order by code").params(campusCode, on, on)
                .query(PROMOTION_ROWS).list();
    }

    List<ClassOffering> activeClasses(String campusCode) {
        return jdbc.sql("select " + CLASS_COLUMNS + " from class_offering where campus_code = ? and active = true "
                + "order by starts_on, code").param(campusCode).query(CLASS_ROWS).list();
    }

    private static Grade grade(String code) {
        return code == null ? null : Grade.valueOf(code);
    }

    private static Subject subject(String code) {
        return code == null ? null : Subject.valueOf(code);
    }

    private static ProductLine productLine(String code) {
        return code == null ? null : ProductLine.valueOf(code);
    }
}
