/**
 * Notices to traced contacts: each contact of a case is told once, in Vietnamese, naming no one, what to do and
 * until when ({@link vn.movepass.shared.notice.NoticeService}); SMS through Amazon SNS in AWS, an outbox locally.
 */
package vn.movepass.shared.notice;
