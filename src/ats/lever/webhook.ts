import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Orm } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import { callAts } from '../calls.ts';
import { type AtsCredentials, type ConnectionRow, settingsOf } from '../connections.ts';
import { checkEmail, type InviteDeps, inviteFromAts } from '../invite.ts';
import type { AtsRuntime } from '../runtime.ts';

/**
 * Lever, our side: its signed `candidateStageChange` webhook. When the opportunity arrives in the
 * connection's trigger stage, we read the opportunity (name, email, posting) from Lever's API,
 * map the posting to a position and invite the candidate (once per opportunity and posting).
 */

/** Lever's ids are UUIDs; only such characters go into a URL path of ours. */
const LeverId = z.string().regex(/^[A-Za-z0-9-]{1,200}$/, { message: 'must be a Lever id' });

export const LeverWebhookBody = z.object({
  triggeredAt: z.number().int().nonnegative(),
  event: z.string().max(100),
  signature: z.string().max(200),
  token: z.string().max(200),
  data: z
    .object({
      opportunityId: LeverId.nullish(),
      candidateId: LeverId.nullish(),
      contactId: LeverId.nullish(),
      fromStageId: z.string().max(200).nullish(),
      toStageId: z.string().max(200).nullish(),
    })
    .passthrough()
    .nullish(),
});
export type LeverWebhook = z.infer<typeof LeverWebhookBody>;

/** Lever signs `token + triggeredAt` with the webhook's signature token (HMAC-SHA256, hex). */
export function leverSignature(signatureToken: string, token: string, triggeredAt: number): string {
  return createHmac('sha256', signatureToken).update(`${token}${triggeredAt}`).digest('hex');
}

export function verifyLeverSignature(credentials: AtsCredentials, body: LeverWebhook): void {
  const secret = credentials.webhookToken;
  if (!secret) throw new AppError('unauthorized', 'The connection has no Lever webhook token: set it first');
  const expected = Buffer.from(leverSignature(secret, body.token, body.triggeredAt));
  const given = Buffer.from(body.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    throw new AppError('unauthorized', 'The webhook signature does not match the connection’s webhook token');
}

export type StageChangeResult =
  | { scheduled: true; interview: string; created: boolean }
  | { scheduled: false; reason: string };

interface LeverOpportunity {
  name?: string;
  /** the stage it is in now */
  stage?: string | null;
  emails?: string[];
  contact?: string;
  applications?: ({ id?: string; posting?: string | null } | string)[];
}

/** The signed body is checked by the caller; this acts on it. */
export async function onStageChange(
  deps: InviteDeps & { orm: Orm; ats: AtsRuntime },
  connection: ConnectionRow,
  credentials: AtsCredentials,
  body: LeverWebhook,
): Promise<StageChangeResult> {
  const settings = settingsOf(connection);
  if (body.event !== 'candidateStageChange')
    return { scheduled: false, reason: `event ${body.event} is not acted on` };
  const opportunityId = body.data?.opportunityId ?? body.data?.candidateId;
  if (!opportunityId) return { scheduled: false, reason: 'no opportunity in the event (a test ping)' };
  if (!settings.triggerStageId)
    return { scheduled: false, reason: 'no trigger stage is set on the connection' };
  if (body.data?.toStageId !== settings.triggerStageId)
    return { scheduled: false, reason: `stage ${body.data?.toStageId ?? '(none)'} is not the trigger stage` };

  const res = await callAts(deps.orm, deps.ats.outbound, connection.tenant_id, {
    connectionId: connection.id,
    operation: 'opportunities.get',
    method: 'GET',
    url: `${deps.ats.urls.leverApiUrl}/opportunities/${encodeURIComponent(opportunityId)}?expand=applications`,
    basicUser: credentials.apiKey,
  });
  const opportunity = (res.json as { data?: LeverOpportunity } | undefined)?.data;
  if (res.status !== 200 || !opportunity)
    throw new AppError(
      'unavailable',
      `Lever did not return the opportunity (${res.error ?? `HTTP ${res.status}`})`,
      {
        retryAfterSeconds: 60,
      },
    );
  // The signature covers only the token and the time, not `data`: the opportunity itself must say
  // it is in the trigger stage, so a replayed delivery with other ids invites no one.
  if (opportunity.stage !== settings.triggerStageId)
    return { scheduled: false, reason: 'the opportunity is not in the trigger stage (per Lever)' };
  const posting = (opportunity.applications ?? [])
    .map((a) => (typeof a === 'string' ? null : (a.posting ?? null)))
    .find((p): p is string => !!p && /^[A-Za-z0-9-]{1,200}$/.test(p));
  const positionId = (posting && settings.positionMap[posting]) ?? settings.defaultPositionId;
  if (!positionId)
    return { scheduled: false, reason: `posting ${posting ?? '(none)'} is not mapped to a position` };
  const email = opportunity.emails?.[0];
  if (!email) throw new AppError('invalid_email', 'The Lever opportunity has no email address to invite');
  checkEmail(email, '/opportunity/emails/0');
  try {
    const invited = await inviteFromAts(deps, {
      connection,
      positionId,
      dedupeKey: `opportunity:${opportunityId}:${posting ?? '-'}`,
      candidate: { email, name: opportunity.name || email },
      applicationId: opportunityId,
      candidateId: body.data?.contactId ?? null,
      jobId: posting ?? null,
    });
    return { scheduled: true, interview: invited.linkId, created: invited.created };
  } catch (err) {
    // a closed (or since deleted) position: nothing to do, and nothing for Lever to retry
    if (err instanceof AppError && err.code === 'not_found') return { scheduled: false, reason: err.message };
    throw err;
  }
}
