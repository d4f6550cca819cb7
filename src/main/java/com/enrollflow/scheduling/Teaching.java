package com.enrollflow.scheduling;

import com.enrollflow.reference.Grade;
import com.enrollflow.reference.Subject;

/** A subject and grade a teacher teaches (one row of teacher_subject). */
public record Teaching(Subject subject, Grade grade) {
}
