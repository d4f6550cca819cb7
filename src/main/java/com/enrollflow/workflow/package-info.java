/**
 * The engine adapter: everything that imports Camunda lives here (delegates, task listeners, the
 * {@link com.enrollflow.opportunity.EnrollmentProcess} implementation). Delegates are thin: they read ids
 * and decision inputs from variables, call one domain service and write one result. Keeping the engine
 * behind this package keeps a move to the Operaton fork mechanical.
 */
package com.enrollflow.workflow;
