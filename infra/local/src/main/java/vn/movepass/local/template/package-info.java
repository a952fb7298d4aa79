/** template.yaml read into a model: functions, events, tables, queues, buckets, schedules, parameters and intrinsics. */
package vn.movepass.local.template;
