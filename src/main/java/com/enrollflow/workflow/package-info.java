/**
 * The engine adapter: everything that imports Camunda lives under this package, one sub-package per process family,
 * so that a process's delegates, listeners and variable names sit together:
 * <ul>
 * <li>{@code intake}: lead-registration.bpmn and lead-intent.bpmn (登记咨询, 确定客户意向);</li>
 * <li>{@code enrollment}: enrollment.bpmn (报名签约), its repeat-enquiry sub-process and the mails of notification.bpmn;</li>
 * <li>{@code assignment}: opportunity-assignment.bpmn (商机分配与跟进) and the strategy table;</li>
 * <li>{@code consultation}, {@code approval}, {@code payment} (contract-and-payment, installment-reminder),
 * {@code scheduling}, {@code privacy}: one each;</li>
 * <li>{@code engine}: the engine plugins (campus tenants, task cards, form refusals, indexes), the only code that
 * may use the engine's internal classes.</li>
 * </ul>
 * What several processes share (variable names, the form input check, who is acting, option lists) is in this
 * package, which knows none of the process packages. Delegates are thin: they read ids and inputs from variables,
 * call one domain service and write its result; the rules live in the feature packages or in DMN. The boundaries are
 * checked by {@code ModularityTests}.
 */
package com.enrollflow.workflow;
