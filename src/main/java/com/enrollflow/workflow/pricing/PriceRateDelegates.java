package com.enrollflow.workflow.pricing;

import static com.enrollflow.workflow.FormValues.amount;
import static com.enrollflow.workflow.FormValues.day;
import static com.enrollflow.workflow.FormValues.text;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.pricing.HourPackageChanges;
import com.enrollflow.pricing.PriceRateChanges;
import com.enrollflow.pricing.PromotionRegistrations;
import com.enrollflow.workflow.Actors;
import com.enrollflow.workflow.FormValues;
import com.enrollflow.workflow.engine.StartFormRecord;

/**
 * price-rate-change.bpmn (调整课时单价), promotion-registration.bpmn (登记优惠活动) and hour-package-change.bpmn (调整课时包):
 * the start forms' fields to {@link PriceRateChanges}, {@link PromotionRegistrations} and {@link HourPackageChanges},
 * what was done back.
 */
@Configuration
class PriceRateDelegates {

    /** The fields of the start form change-price-rate: the API's names. */
    static final String CAMPUS = "campus";
    static final String TEACHER_LEVEL = "teacherLevel";
    static final String GRADE = "grade";
    static final String SUBJECT = "subject";
    static final String LESSON_PRICE = "lessonPrice";
    static final String VALID_FROM = "validFrom";
    /** What changed, kept in the instance's history. */
    static final String SUMMARY = "rateSummary";

    /** The fields of the start form register-promotion besides campus: the API's names. */
    static final String NAME = "name";
    static final String PRODUCT_LINE = "productLine";
    static final String PERCENT_OFF = "percentOff";
    static final String AMOUNT_OFF = "amountOff";
    static final String VALID_TO = "validTo";
    static final String ENDING = "ending";
    /** The promotion published: its code, and what was published. */
    static final String PROMOTION_CODE = "promotionCode";
    static final String PROMOTION_SUMMARY = "promotionSummary";

    /** The fields of the start form change-hour-package besides campus: the API's names. */
    static final String MIN_LESSONS = "minLessons";
    static final String DISCOUNT_PERCENT = "discountPercent";
    static final String STOPPED = "stopped";
    static final String PACKAGE_SUMMARY = "packageSummary";

    private final PriceRateChanges changes;
    private final PromotionRegistrations promotions;
    private final HourPackageChanges packages;

    PriceRateDelegates(PriceRateChanges changes, PromotionRegistrations promotions, HourPackageChanges packages) {
        this.changes = changes;
        this.promotions = promotions;
        this.packages = packages;
    }

    /** ServiceTask_ChangeRate (保存课时单价): the rules of POST /api/price-list/rates; a refusal names the field. */
    @Bean("changePriceRate")
    JavaDelegate changePriceRate() {
        return execution -> {
            var asked = new PriceRateChanges.Request(text(execution.getVariable(CAMPUS)),
                    text(execution.getVariable(TEACHER_LEVEL)), text(execution.getVariable(GRADE)),
                    text(execution.getVariable(SUBJECT)), amount(execution.getVariable(LESSON_PRICE)),
                    day(execution.getVariable(VALID_FROM)));
            var changed = FormValues.request(() -> changes.change(asked, Actors.of(execution)));
            execution.setVariable(SUMMARY, changed.summary());
            // the campus's price list is the record: its campus sees the change in Cockpit
            StartFormRecord.file(execution, changed.campusCode(), null);
            StartFormRecord.told(execution, changed.summary());
        };
    }

    /**
     * ServiceTask_PublishPromotion (发布优惠活动): the rules of POST /api/price-list/promotions, or, ticked, of
     * POST /api/price-list/promotions/{code}/ending, by the form's fields.
     */
    @Bean("publishPromotion")
    JavaDelegate publishPromotion() {
        return execution -> {
            var asked = new PromotionRegistrations.Request(text(execution.getVariable(NAME)),
                    text(execution.getVariable(CAMPUS)), text(execution.getVariable(PRODUCT_LINE)),
                    amount(execution.getVariable(PERCENT_OFF)), amount(execution.getVariable(AMOUNT_OFF)),
                    day(execution.getVariable(VALID_FROM)), day(execution.getVariable(VALID_TO)));
            boolean ending = Boolean.TRUE.equals(FormValues.flag(ENDING, execution.getVariable(ENDING)));
            var published = FormValues.request(() -> promotions.record(asked, ending, Actors.of(execution)));
            execution.setVariable(PROMOTION_CODE, published.code());
            execution.setVariable(PROMOTION_SUMMARY, published.summary());
            // a campus's promotion is filed in that campus; one for every campus stays where it was started
            StartFormRecord.file(execution, published.campusCode(), null);
            StartFormRecord.told(execution, published.summary());
        };
    }

    /** ServiceTask_ChangePackage (保存课时包): the rules of POST /api/price-list/packages, by the form's fields. */
    @Bean("changeHourPackage")
    JavaDelegate changeHourPackage() {
        return execution -> {
            var asked = new HourPackageChanges.Request(text(execution.getVariable(CAMPUS)),
                    amount(execution.getVariable(MIN_LESSONS)), amount(execution.getVariable(DISCOUNT_PERCENT)),
                    FormValues.flag(STOPPED, execution.getVariable(STOPPED)));
            var changed = FormValues.request(() -> packages.change(asked, Actors.of(execution)));
            execution.setVariable(PACKAGE_SUMMARY, changed.summary());
            StartFormRecord.file(execution, changed.campusCode(), null);
            StartFormRecord.told(execution, changed.summary());
        };
    }
}
