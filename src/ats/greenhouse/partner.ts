import { z } from 'zod';
import { isStorableText, type Sql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { type LinkRow, RECOMMENDATION_LABELS } from '../adapter.ts';
import type { ConnectionRow } from '../connections.ts';
import { checkEmail, type InviteDeps, inviteFromAts } from '../invite.ts';
import { LINK_COLUMNS, readOutcome } from '../outcome.ts';
import { linkOf, openPositions } from '../positions.ts';

/**
 * Greenhouse's Assessment Partner API, our side: a test is one of the tenant's open positions;
 * send_test schedules an interview and mails the candidate (once per `url`, Greenhouse's
 * callback for that application's test); test_status reports where it stands.
 */

/** GET list_tests: a bare array, as Greenhouse documents it. */
export async function listTests(sql: Sql, tenantId: string) {
  return (await openPositions(sql, tenantId)).map((p) => ({
    partner_test_id: p.id,
    partner_test_name: p.title,
  }));
}

const Str = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isStorableText, { message: 'must not contain NUL characters or unpaired surrogates' });
// Greenhouse sends null for absent values and may add properties: tolerate both
export const SendTestBody = z.object({
  partner_test_id: Str(200).min(1),
  candidate: z.object({
    first_name: Str(200).nullish(),
    last_name: Str(200).nullish(),
    preferred_name: Str(200).nullish(),
    email: Str(254).min(1),
    phone_number: Str(100).nullish(),
    resume_url: Str(2000).nullish(),
    greenhouse_profile_url: Str(2000).nullish(),
  }),
  url: z.url({ protocol: /^https?$/ }).max(480),
  sent_by: Str(254).nullish(),
});
export type SendTest = z.infer<typeof SendTestBody>;

/** Greenhouse's ids for the application, from the profile URL (`/people/<id>?application_id=<id>`). */
function profileIds(url: string | null | undefined): {
  candidateId: string | null;
  applicationId: string | null;
} {
  if (!url) return { candidateId: null, applicationId: null };
  try {
    const u = new URL(url);
    // Greenhouse's ids are numbers; anything else is not kept
    const application = u.searchParams.get('application_id');
    return {
      candidateId: /\/people\/(\d{1,30})(?:\/|$)/.exec(u.pathname)?.[1] ?? null,
      applicationId: application && /^\d{1,30}$/.test(application) ? application : null,
    };
  } catch {
    return { candidateId: null, applicationId: null };
  }
}

/** Where the completion PATCH may go (it carries the connection's key). */
export interface CallbackPolicy {
  /** Greenhouse's hosts (and their subdomains), over https */
  hosts: readonly string[];
  /** hosts exempt (WEBHOOK_ALLOWED_HOSTS: a stand-in in tests), over http too */
  allowedHosts: readonly string[];
}

/**
 * The callback must be Greenhouse's: the PATCH to it carries the connection's key, so a request
 * made with a leaked key must not name a host of its own (nor plain http) to receive it.
 */
export function checkCallback(url: string, policy: CallbackPolicy): void {
  const u = new URL(url);
  const host = u.hostname.replace(/\.$/, '').toLowerCase();
  const greenhouse =
    u.protocol === 'https:' && policy.hosts.some((h) => host === h || host.endsWith(`.${h}`));
  if (!greenhouse && !policy.allowedHosts.includes(host))
    throw new AppError('validation_failed', 'The callback url must be an https address of Greenhouse', {
      errors: [{ path: '/body/url', message: `must be https on ${policy.hosts.join(' or ')}` }],
    });
}

export async function sendTest(
  deps: InviteDeps,
  connection: ConnectionRow,
  body: SendTest,
  callbacks: CallbackPolicy,
): Promise<{ partner_interview_id: string; created: boolean }> {
  checkCallback(body.url, callbacks);
  checkEmail(body.candidate.email, '/body/candidate/email');
  const c = body.candidate;
  const name =
    c.preferred_name || [c.first_name, c.last_name].filter(Boolean).join(' ') || c.email.split('@')[0]!;
  const ids = profileIds(c.greenhouse_profile_url);
  const invited = await inviteFromAts(deps, {
    connection,
    positionId: body.partner_test_id,
    // Greenhouse's callback URL names the application's take-home test: the same request again has the same one
    dedupeKey: `url:${body.url}`,
    candidate: { email: c.email, name },
    applicationId: ids.applicationId,
    candidateId: ids.candidateId,
    jobId: null,
    callbackUrl: body.url,
  });
  return { partner_interview_id: invited.linkId, created: invited.created };
}

/** GET test_status: `complete` with the score and the report once the report exists. */
export async function testStatus(sql: Sql, connection: ConnectionRow, partnerId: string, baseUrl: string) {
  const id = await linkOf(sql, connection.tenant_id, connection.id, partnerId);
  const [link] = await sql<LinkRow>(`select ${LINK_COLUMNS} from ats_links l where l.id = ?`, [id]);
  const outcome = await readOutcome(sql, link!, baseUrl);
  const report = outcome.report;
  const metadata: Record<string, string | number | boolean> = {};
  if (outcome.startedAt) metadata['Started At'] = outcome.startedAt;
  if (outcome.endedAt) metadata['Completed At'] = outcome.endedAt;
  if (report) {
    metadata.Recommendation = RECOMMENDATION_LABELS[report.recommendation];
    metadata['Needs human review'] = report.provisional;
    for (const c of report.competencies) metadata[c.name] = c.score;
  }
  return {
    partner_status: report ? 'complete' : outcome.status,
    partner_profile_url: report?.url ?? null,
    partner_score: report?.overallScore ?? null,
    metadata,
  };
}
