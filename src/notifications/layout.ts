import { escapeHtml } from './template.ts';

/** A tenant's branding as its mail shows it. */
export interface MailBranding {
  companyName: string;
  logoUrl: string | null;
  /** `#rrggbb`, or null for the platform's colour */
  primaryColor: string | null;
}

const DEFAULT_COLOR = '#2f5bea';
const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/**
 * The HTML part around a message's paragraphs: the company's logo (https only) and name in a
 * header in its colour, and a button for the message's main link. Inline styles only (mail
 * clients drop style sheets), no scripts, every value escaped.
 */
export function brandedHtml(input: {
  branding: MailBranding;
  title: string;
  paragraphs: string;
  action?: { label: string; url: string } | undefined;
  footer: string;
}): string {
  const { branding } = input;
  const color =
    branding.primaryColor && HEX_COLOR.test(branding.primaryColor) ? branding.primaryColor : DEFAULT_COLOR;
  const logo =
    branding.logoUrl && /^https:\/\//i.test(branding.logoUrl)
      ? `<img src="${escapeHtml(branding.logoUrl)}" alt="${escapeHtml(branding.companyName)}" height="40" style="display:block;max-height:40px;margin-bottom:8px">`
      : '';
  const button = input.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(input.action.url)}" style="background:${color};color:#ffffff;padding:12px 20px;border-radius:6px;text-decoration:none;font-weight:600;display:inline-block">${escapeHtml(input.action.label)}</a></p>`
    : '';
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(input.title)}</title></head>
<body style="margin:0;padding:0;background:#f4f5f7;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1d2330">
<div style="max-width:600px;margin:0 auto;padding:24px">
<div data-brand="header" style="border-top:6px solid ${color};background:#ffffff;padding:20px 24px;border-radius:6px 6px 0 0">
${logo}<strong style="font-size:18px;color:${color}">${escapeHtml(branding.companyName)}</strong>
</div>
<div style="background:#ffffff;padding:8px 24px 24px;border-radius:0 0 6px 6px;line-height:1.5">
${input.paragraphs}
${button}
</div>
<p style="font-size:12px;color:#6b7280;padding:12px 24px">${escapeHtml(input.footer)}</p>
</div>
</body>
</html>`;
}

/** Plain text as HTML paragraphs (blank lines separate them), everything escaped. */
export const textToHtml = (text: string): string =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A date as mail shows it: one unambiguous form for every reader (`Mon, 7 December 2026, 14:30 UTC`). */
export function mailDate(d: Date): string {
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${hh}:${mm} UTC`;
}
