import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES } from '../../src/notifications/default-templates.ts';
import { mailDate } from '../../src/notifications/layout.ts';
import { headerSafe, parseMailbox } from '../../src/notifications/message.ts';
import {
  checkTemplate,
  renderHtmlParagraphs,
  renderSubject,
  renderText,
  type TemplateValues,
} from '../../src/notifications/template.ts';

const values: TemplateValues = {
  candidateName: 'Eve "<img src=x onerror=alert(1)>" O\'Neil',
  companyName: 'Acme & Sons',
  roleTitle: 'Backend Engineer',
  joinUrl: 'https://app.example.com/join/abc_DEF-123',
  scheduledAt: 'Mon, 7 December 2026, 14:30 UTC',
  expiresAt: 'Mon, 14 December 2026, 14:30 UTC',
  aiNotice: 'An AI interviewer asks the questions.',
};

describe('candidate mail templates', () => {
  it('accept the defaults and any spacing inside the braces', () => {
    for (const kind of ['invitation', 'reminder'] as const) {
      expect(checkTemplate(kind, DEFAULT_TEMPLATES[kind])).toEqual([]);
    }
    expect(checkTemplate('invitation', { subject: '{{ companyName }}', body: '{{   joinUrl\n}}' })).toEqual(
      [],
    );
  });

  it('refuse anything that is not a variable, naming the field', () => {
    const problems = checkTemplate('invitation', {
      subject: '{{name}} {{ candidateName.toUpperCase() }}',
      body: '{{joinUrl}} {{> partial}} {{{joinUrl}}} {{__proto__}} {{hasOwnProperty}} {{',
    });
    expect(problems.map((p) => p.path)).toEqual([
      '/body/subject',
      '/body/subject',
      '/body/body',
      '/body/body',
      '/body/body',
      '/body/body',
      '/body/body',
    ]);
    expect(problems[0]!.message).toContain('{{name}} is not a variable; use only {{candidateName}}');
  });

  it('require the link in the body of an invitation and a reminder', () => {
    expect(checkTemplate('reminder', { subject: '{{joinUrl}}', body: 'no link' })).toEqual([
      { path: '/body/body', message: 'must contain {{joinUrl}}' },
    ]);
  });

  it('render values as text: escaped in HTML, one line in the subject', () => {
    const html = renderHtmlParagraphs('Hi {{candidateName}} <b>&</b>\n\n{{joinUrl}}', values);
    expect(html).toBe(
      '<p>Hi Eve &quot;&lt;img src=x onerror=alert(1)&gt;&quot; O&#39;Neil &lt;b&gt;&amp;&lt;/b&gt;</p>\n' +
        '<p><a href="https://app.example.com/join/abc_DEF-123">https://app.example.com/join/abc_DEF-123</a></p>',
    );
    expect(renderText('{{companyName}}: {{ joinUrl }}', values)).toBe(
      'Acme & Sons: https://app.example.com/join/abc_DEF-123',
    );
    expect(
      renderSubject('Hello {{candidateName}}\r\nBcc: victim@example.com', {
        ...values,
        candidateName: 'A\nB',
      }),
    ).toBe('Hello A B Bcc: victim@example.com');
  });

  it('a value that looks like a placeholder is not expanded again', () => {
    expect(renderText('{{candidateName}}', { ...values, candidateName: '{{joinUrl}}' })).toBe('{{joinUrl}}');
  });
});

describe('mail headers and dates', () => {
  it('keep display names to one safe line', () => {
    expect(headerSafe('Evil\r\nBcc: x@y.z <a@b.c> "q"')).toBe('Evil Bcc: x@y.z a@b.c q');
    expect(parseMailbox('Hiring Desk <jobs@mail.example.com>')).toEqual({
      address: 'jobs@mail.example.com',
      name: 'Hiring Desk',
    });
    expect(parseMailbox('jobs@mail.example.com')).toEqual({ address: 'jobs@mail.example.com' });
  });

  it('write dates one way, in UTC', () => {
    expect(mailDate(new Date('2026-12-07T14:30:00Z'))).toBe('Mon, 7 December 2026, 14:30 UTC');
  });
});
