import type { FieldProblem } from '../errors/index.ts';
import { REQUIRED_VARIABLES, TEMPLATE_VARIABLES, type TemplateKind, type TemplateVariable } from './kinds.ts';

/**
 * Candidate templates: plain text with `{{variable}}` placeholders, nothing else. No expressions,
 * conditions, filters or partials: a placeholder is a name from TEMPLATE_VARIABLES, optionally
 * with spaces inside the braces. Anything else between `{{` and `}}` is refused when the template
 * is saved, so what is stored always renders. Values are inserted as text: HTML-escaped in the
 * HTML part, line breaks removed in the subject (no header injection).
 */

export interface MailTemplate {
  subject: string;
  body: string;
}

const PLACEHOLDER = /\{\{([\s\S]*?)\}\}/g;
const NAME = /^\s*([A-Za-z][A-Za-z0-9]*)\s*$/;

const isVariable = (name: string): name is TemplateVariable => Object.hasOwn(TEMPLATE_VARIABLES, name);

/** The placeholders of a text: each variable used, and each placeholder that is none. */
function scan(text: string): { used: TemplateVariable[]; bad: string[] } {
  const used: TemplateVariable[] = [];
  const bad: string[] = [];
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = NAME.exec(m[1]!)?.[1];
    if (name && isVariable(name)) used.push(name);
    else bad.push(m[0]);
  }
  // an unclosed `{{` would render as itself: most likely a typo, refused too
  const rest = text.replace(PLACEHOLDER, '');
  if (rest.includes('{{')) bad.push('{{ without }}');
  return { used, bad };
}

/** Every problem with a template, each naming its field by JSON path; empty when it may be saved. */
export function checkTemplate(kind: TemplateKind, template: MailTemplate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const allowed = Object.keys(TEMPLATE_VARIABLES)
    .map((v) => `{{${v}}}`)
    .join(', ');
  const fields = [
    ['subject', template.subject],
    ['body', template.body],
  ] as const;
  const usedAnywhere = new Set<TemplateVariable>();
  for (const [field, text] of fields) {
    const { used, bad } = scan(text);
    for (const v of used) usedAnywhere.add(v);
    for (const b of [...new Set(bad)]) {
      problems.push({
        path: `/body/${field}`,
        message: `${b} is not a variable; use only ${allowed}`,
      });
    }
  }
  const bodyUses = new Set(scan(template.body).used);
  for (const required of REQUIRED_VARIABLES[kind]) {
    if (!bodyUses.has(required))
      problems.push({ path: '/body/body', message: `must contain {{${required}}}` });
  }
  return problems;
}

export type TemplateValues = Record<TemplateVariable, string>;

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** Replace each placeholder with its value passed through `encode` (the text around through `text`). */
function fill(
  template: string,
  values: TemplateValues,
  encode: (value: string, name: TemplateVariable) => string,
  text: (s: string) => string = (s) => s,
): string {
  let out = '';
  let last = 0;
  for (const m of template.matchAll(PLACEHOLDER)) {
    out += text(template.slice(last, m.index));
    const name = NAME.exec(m[1]!)?.[1];
    // checked at saving; a stored template with anything else renders it as written
    out += name && isVariable(name) ? encode(values[name], name) : text(m[0]);
    last = m.index + m[0].length;
  }
  return out + text(template.slice(last));
}

/** The subject: one line, at most 300 characters, whatever the values hold. */
export const renderSubject = (template: string, values: TemplateValues): string =>
  fill(template, values, (v) => v)
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim()
    .slice(0, 300);

/** The plain-text body: values as they are. */
export const renderText = (template: string, values: TemplateValues): string =>
  fill(template, values, (v) => v).replace(/\r\n?/g, '\n');

/**
 * The body as HTML paragraphs: the template's text and every value escaped; the join link a link
 * (its own value, never markup from the template). Blank lines separate paragraphs.
 */
export function renderHtmlParagraphs(template: string, values: TemplateValues): string {
  const html = fill(
    template.replace(/\r\n?/g, '\n'),
    values,
    (v, name) =>
      name === 'joinUrl'
        ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>`
        : escapeHtml(v).replace(/\n/g, '<br>'),
    escapeHtml,
  );
  return html
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${p.replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}
