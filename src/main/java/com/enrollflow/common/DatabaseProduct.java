package com.enrollflow.common;

import java.sql.DatabaseMetaData;

import javax.sql.DataSource;

import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/** Which database the application runs on, for the few statements PostgreSQL and H2 write differently. */
public final class DatabaseProduct {

    private DatabaseProduct() {
    }

    /** Whether {@code dataSource} is PostgreSQL (else H2); asked once, when a bean is built. */
    public static boolean isPostgres(DataSource dataSource) {
        try {
            return "PostgreSQL".equals(
                    JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName));
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot tell the database product", e);
        }
    }
}
