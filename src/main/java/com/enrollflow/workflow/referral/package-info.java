/**
 * The engine side of referral rewards (转介绍奖励): referral-reward.bpmn's delegates and listeners, and its start.
 * The rules are in {@code com.enrollflow.referral}.
 */
package com.enrollflow.workflow.referral;
