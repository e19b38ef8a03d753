export {
  recordMemberInvite,
  recordSecurityNotice,
  requestPasswordReset,
  type SecurityNotice,
} from './account-mail.ts';
export { DEFAULT_TEMPLATES } from './default-templates.ts';
export {
  cancelScheduleMail,
  type InvitedSchedule,
  recordInvitation,
  reminderDue,
  rescheduleReminder,
  resendInvitation,
} from './invitations.ts';
export {
  MAIL_KINDS,
  MAIL_STATUSES,
  type MailKind,
  type MailStatus,
  TEMPLATE_KINDS,
  TEMPLATE_VARIABLES,
  type TemplateKind,
} from './kinds.ts';
export type { MailAddress, MailMessage } from './message.ts';
export {
  type DeliveryStatus,
  deliveryOf,
  enqueueMail,
  getMail,
  listMail,
  type MailMessageDetail,
  type MailMessageView,
  type NewMail,
  type QueuedMail,
  recordMail,
  type ScheduleDelivery,
} from './outbox.ts';
export { type MailRuntime, mailRuntime } from './runtime.ts';
export {
  handleSendMail,
  type MailJobDeps,
  registerMailJobs,
  type SendMailPayload,
  sendMailJob,
  sendMailJobId,
} from './send-mail.job.ts';
export { MAIL_STALLED_AFTER_SECONDS, startMailSweeper, sweepMail } from './sweeper.ts';
export { checkTemplate, type MailTemplate } from './template.ts';
export { listTemplates, resetTemplate, saveTemplate, type TenantTemplate, templateFor } from './templates.ts';
export { MailSendError, type MailTransport, outboxTransport, smtpTransport } from './transport.ts';
