/**
 * What EnrollFlow adds to Tasklist beside its forms: after 启动 and after 完成, the number of what was stored and what
 * happens next ({@link com.enrollflow.tasklist.FormResultResource}, read by
 * {@code plugin-webapp/enrollflow-form-result/app/plugin.js} through the webapp's own session); and the header's
 * 导入线索, the lead import for the staff who import ({@link com.enrollflow.tasklist.LeadImportResource}, used by
 * {@code plugin-webapp/enrollflow-lead-import/app/plugin.js}).
 */
package com.enrollflow.tasklist;
