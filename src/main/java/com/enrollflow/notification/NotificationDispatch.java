package com.enrollflow.notification;

/** Starts the job that sends a stored notification (implemented by the workflow adapter). */
public interface NotificationDispatch {

    void dispatch(long notificationId);
}
