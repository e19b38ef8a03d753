/**
 * What the platform mails, and which of it a tenant may word. Candidate mail (the invitation and
 * its reminder) carries the tenant's template; account mail (a member's invitation, a password
 * reset, a security notice to the owners) is the platform's own text, so no tenant can word a
 * message that asks for a password.
 */

export const MAIL_KINDS = [
  'invitation',
  'reminder',
  'member_invite',
  'password_reset',
  'security_notice',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/** The kinds a tenant has a template for. */
export const TEMPLATE_KINDS = ['invitation', 'reminder'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

/** The variables a candidate template may use, with what each holds (listed in the dashboard). */
export const TEMPLATE_VARIABLES = {
  candidateName: "the candidate's name",
  companyName: "the company's display name (Branding)",
  roleTitle: 'the role or position interviewed for',
  joinUrl: "the candidate's personal join link",
  scheduledAt: 'when the interview is scheduled (UTC)',
  expiresAt: 'when the link expires (UTC)',
  aiNotice: 'the AI notice the candidate is shown before starting',
} as const;
export type TemplateVariable = keyof typeof TEMPLATE_VARIABLES;

/** Variables a template of this kind must use: an invitation without its link is no invitation. */
export const REQUIRED_VARIABLES: Record<TemplateKind, TemplateVariable[]> = {
  invitation: ['joinUrl'],
  reminder: ['joinUrl'],
};
