package com.enrollflow.reference;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Demo course catalogue (课程): a few 1:1 and class courses; pricing comes with the pricing issue. */
@Component
public class CourseCatalog {

    private final JdbcClient jdbc;

    CourseCatalog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void saveDemoCourses() {
        save("1V1-MATH-J", "初中数学一对一", "ONE_ON_ONE", "MATH", "J1-J3");
        save("1V1-ENG-S", "高中英语一对一", "ONE_ON_ONE", "ENGLISH", "S1-S3");
        save("CLS-MATH-P", "小学数学思维班", "CLASS", "MATH", "P3-P6");
        save("CLS-PHY-J", "初二物理同步班", "CLASS", "PHYSICS", "J2");
    }

    private void save(String code, String name, String productLine, String subject, String gradeBand) {
        if (jdbc.sql("select count(*) from course where code = ?").param(code).query(Integer.class).single() == 0) {
            jdbc.sql("insert into course (code, name, product_line, subject, grade_band) values (?, ?, ?, ?, ?)")
                    .params(code, name, productLine, subject, gradeBand).update();
        }
    }
}
