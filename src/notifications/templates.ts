import type { Sql } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { TEMPLATE_KINDS, TEMPLATE_VARIABLES, type TemplateKind } from './kinds.ts';
import { checkTemplate, type MailTemplate } from './template.ts';

/** A tenant's template of one kind: its own wording, or the default. */
export interface TenantTemplate extends MailTemplate {
  kind: TemplateKind;
  /** false once the tenant saved its own */
  isDefault: boolean;
  default: MailTemplate;
  /** the variables it may use, with what each holds */
  variables: { name: string; description: string }[];
  updatedAt: string | null;
  updatedBy: string | null;
}

const VARIABLES = Object.entries(TEMPLATE_VARIABLES).map(([name, description]) => ({ name, description }));

/** The template mail of this kind is written with now (the tenant's, else the default). */
export async function templateFor(sql: Sql, tenantId: string, kind: TemplateKind): Promise<MailTemplate> {
  const [row] = await sql<MailTemplate>(
    'select subject, body from mail_templates where tenant_id = ? and kind = ?',
    [tenantId, kind],
  );
  return row ?? DEFAULT_TEMPLATES[kind];
}

/** Every template kind, each the tenant's own or the default. */
export async function listTemplates(sql: Sql, tenantId: string): Promise<TenantTemplate[]> {
  const rows = await sql<{
    kind: TemplateKind;
    subject: string;
    body: string;
    updated_at: Date;
    updated_by: string | null;
  }>('select kind, subject, body, updated_at, updated_by from mail_templates where tenant_id = ?', [
    tenantId,
  ]);
  return TEMPLATE_KINDS.map((kind) => {
    const own = rows.find((r) => r.kind === kind);
    return {
      kind,
      subject: own?.subject ?? DEFAULT_TEMPLATES[kind].subject,
      body: own?.body ?? DEFAULT_TEMPLATES[kind].body,
      isDefault: !own,
      default: DEFAULT_TEMPLATES[kind],
      variables: VARIABLES,
      updatedAt: own ? new Date(own.updated_at).toISOString() : null,
      updatedBy: own?.updated_by ?? null,
    };
  });
}

/**
 * Save the tenant's own wording. A placeholder that is not a variable, or a body without the
 * link, is `422 invalid_template` naming each, and nothing is saved.
 */
export async function saveTemplate(
  sql: Sql,
  tenantId: string,
  kind: TemplateKind,
  template: MailTemplate,
  by: string,
): Promise<TenantTemplate> {
  const problems = checkTemplate(kind, template);
  if (problems.length > 0)
    throw new AppError('invalid_template', 'The template uses something that is not one of its variables', {
      errors: problems,
    });
  await sql(
    `insert into mail_templates (tenant_id, kind, subject, body, updated_by, updated_at) values (?, ?, ?, ?, ?, now())
     on conflict (tenant_id, kind) do update
       set subject = excluded.subject, body = excluded.body, updated_by = excluded.updated_by, updated_at = now()`,
    [tenantId, kind, template.subject, template.body, by],
  );
  return (await listTemplates(sql, tenantId)).find((t) => t.kind === kind)!;
}

/** Back to the default wording; returns whether the tenant had its own. */
export async function resetTemplate(
  sql: Sql,
  tenantId: string,
  kind: TemplateKind,
): Promise<{ template: TenantTemplate; changed: boolean }> {
  const deleted = await sql('delete from mail_templates where tenant_id = ? and kind = ? returning kind', [
    tenantId,
    kind,
  ]);
  const template = (await listTemplates(sql, tenantId)).find((t) => t.kind === kind)!;
  return { template, changed: deleted.length > 0 };
}
