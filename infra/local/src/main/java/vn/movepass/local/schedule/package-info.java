/** The template's schedules (EventBridge cron and rate expressions) fired by the dev clock. */
package vn.movepass.local.schedule;
