import type { TemplateKind } from './kinds.ts';
import type { MailTemplate } from './template.ts';

/** What a tenant's candidates get until the tenant words its own. */
export const DEFAULT_TEMPLATES: Record<TemplateKind, MailTemplate> = {
  invitation: {
    subject: 'Your interview with {{companyName}}: {{roleTitle}}',
    body: `Hello {{candidateName}},

{{companyName}} invites you to an interview for the role {{roleTitle}}, scheduled for {{scheduledAt}}.

Open your personal link to start when you are ready:
{{joinUrl}}

The link works until {{expiresAt}}. It is yours alone: please do not share it.

About this interview: {{aiNotice}}

Good luck!
{{companyName}}`,
  },
  reminder: {
    subject: 'Reminder: your interview with {{companyName}} is waiting',
    body: `Hello {{candidateName}},

A reminder that your interview with {{companyName}} for the role {{roleTitle}} has not been started yet. Your link works until {{expiresAt}}:
{{joinUrl}}

About this interview: {{aiNotice}}

{{companyName}}`,
  },
};
