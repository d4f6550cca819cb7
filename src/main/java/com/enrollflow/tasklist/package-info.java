/**
 * What EnrollFlow adds to Tasklist beside its forms: after 启动 and after 完成, the number of what was stored and what
 * happens next ({@link com.enrollflow.tasklist.FormResultResource}, read by
 * {@code plugin-webapp/enrollflow-form-result/app/plugin.js} through the webapp's own session).
 */
package com.enrollflow.tasklist;
