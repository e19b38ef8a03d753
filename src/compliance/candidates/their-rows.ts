/**
 * How the candidate's rows are found where no column names them directly; export and erasure use
 * the same conditions, so an export shows exactly what an erasure would change.
 */

/**
 * Webhook deliveries (alias `d`) that carried the candidate's data: naming the candidate or one of
 * their interviews, or holding their email anywhere. Its parameters: `deliveryArgs`.
 */
export const CARRIES_CANDIDATE = `d.tenant_id = ?
  and (d.payload -> 'data' ->> 'candidateId' = ?
    or d.payload -> 'data' ->> 'interviewId' in
       (select i.id::text from interviews i where i.candidate_id = ? and i.tenant_id = ?)
    or strpos(lower(d.payload::text), lower(?)) > 0)`;

export const deliveryArgs = (tenantId: string, candidateId: string, email: string) => [
  tenantId,
  candidateId,
  candidateId,
  tenantId,
  email,
];

/**
 * Mail (alias `m`) to or about the candidate: naming them or one of their schedules, or sent to
 * their address. Its parameters: `mailArgs`.
 */
export const MAIL_OF_CANDIDATE = `m.tenant_id = ?
  and (m.candidate_id = ?
    or m.schedule_id in (select s.id from schedules s where s.candidate_id = ? and s.tenant_id = ?)
    or lower(m.to_address) = lower(?))`;

export const mailArgs = deliveryArgs;

/** A join link's token hash that no token has: `erased_` is not hex, and the rest is random. */
export const DEAD_TOKEN_HASH = `'erased_' || substr(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 1, 57)`;

/** A schedule whose link erasure killed. */
export const LINK_IS_DEAD = `token_hash like 'erased\\_%'`;
