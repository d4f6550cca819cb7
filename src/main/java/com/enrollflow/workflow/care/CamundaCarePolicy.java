package com.enrollflow.workflow.care;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import com.enrollflow.care.CarePolicy;
import com.enrollflow.care.CareTouches;
import com.enrollflow.common.ConflictException;
import com.enrollflow.workflow.LatestDecisions;

/** The latest care-policy.dmn (COLLECT) and exam-dates.dmn, evaluated as the application. */
@Component
class CamundaCarePolicy implements CarePolicy {

    private final LatestDecisions decisions;

    CamundaCarePolicy(LatestDecisions decisions) {
        this.decisions = decisions;
    }

    @Override
    public List<CareTouches.Touch> decide(CareTouches.Facts f) {
        Map<String, Object> in = new HashMap<>();
        in.put("consecutiveAbsences", f.consecutiveAbsences());
        in.put("daysSinceLastLesson", f.daysSinceLastLesson());
        in.put("remainingLessons", f.remainingLessons());
        in.put("daysToExam", f.daysToExam());
        in.put("isBirthdayToday", f.birthdayToday());
        return decisions.allRows("carePolicy", in, e -> new ConflictException(409, "客户关怀规则无法执行：" + e.getMessage()))
                .stream().map(r -> new CareTouches.Touch(String.valueOf(r.get("careTrigger")),
                        String.valueOf(r.get("careAction")), String.valueOf(r.get("careReason"))))
                .toList();
    }

    @Override
    public Optional<Exam> examFor(String grade) {
        return decisions.firstRow("examDates", Map.of("grade", grade),
                e -> new ConflictException(409, "考试日历无法执行：" + e.getMessage()))
                .flatMap(r -> {
                    try {
                        return Optional.of(new Exam(String.valueOf(r.get("examName")),
                                LocalDate.parse(String.valueOf(r.get("examDate")))));
                    } catch (DateTimeParseException bad) {
                        throw new ConflictException(409, "考试日历的日期“" + r.get("examDate") + "”应写作 2027-06-07");
                    }
                });
    }
}
