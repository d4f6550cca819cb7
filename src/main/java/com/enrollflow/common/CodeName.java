package com.enrollflow.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What staff call a kind of code, e.g. 年级 for {@link Grade}: the word an error message names
 * ("未知的年级“初九”，可选：…"). Every {@link Coded} enum carries one (CodedLabelsTests checks).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface CodeName {

    String value();
}
