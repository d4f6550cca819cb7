package com.enrollflow.workflow.privacy;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.enrollflow.privacy.PrivacyService;
import com.enrollflow.workflow.ProcessConstants;
import com.enrollflow.workflow.SalesVariables;

/** The service tasks of privacy-retention.bpmn (个人信息保留期清理). */
@Configuration
class PrivacyDelegates {

    static final String PRIVACY_RETENTION = "privacyRetention";
    static final String DUE_CUSTOMERS = "dueCustomers";

    private final PrivacyService privacy;

    PrivacyDelegates(PrivacyService privacy) {
        this.privacy = privacy;
    }

    /** ServiceTask_FindDueCustomers (查找保留期届满的客户): their ids, the collection of the erasing step. */
    @Bean("findDueCustomers")
    JavaDelegate findDueCustomers() {
        return execution -> execution.setVariable(DUE_CUSTOMERS, new ArrayList<>(privacy.dueForRetention()));
    }

    /** ServiceTask_EraseCustomer (匿名化客户个人信息), one job per customer: erased in that job's transaction. */
    @Bean("eraseCustomer")
    JavaDelegate eraseCustomer() {
        return execution -> privacy.eraseForRetention(SalesVariables.id(execution, ProcessConstants.CUSTOMER_ID));
    }
}
