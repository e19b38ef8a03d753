import {
  Candidate,
  Interview,
  isUniqueViolation,
  type Page,
  type PageRequest,
  paginate,
  type TenantEm,
} from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';

export interface CandidateInput {
  name: string;
  email: string;
  externalId?: string | undefined;
}

export function listCandidates(em: TenantEm, page: PageRequest): Promise<Page<Candidate>> {
  return paginate(em, Candidate, {}, page);
}

export async function getCandidate(
  em: TenantEm,
  id: string,
): Promise<{ candidate: Candidate; interviews: Interview[] }> {
  const candidate = await em.findOne(Candidate, { id });
  if (!candidate) throw new AppError('not_found', 'No such candidate');
  const interviews = await em.find(Interview, { candidateId: id }, { orderBy: { id: 'desc' } });
  return { candidate, interviews };
}

/** Create a candidate; an email already known in the tenant is a conflict. */
export async function createCandidate(
  em: TenantEm,
  tenantId: string,
  input: CandidateInput,
): Promise<Candidate> {
  const candidate = em.create(Candidate, {
    tenantId,
    name: input.name,
    email: input.email.toLowerCase(),
    externalId: input.externalId ?? null,
  });
  try {
    await em.flush();
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('email_taken', 'A candidate with this email already exists');
    throw err;
  }
  return candidate;
}

/** The candidate an interview is for: by id, or found/created by email (one per email per tenant). */
export async function resolveCandidate(
  em: TenantEm,
  tenantId: string,
  input: { candidateId?: string | undefined; candidate?: CandidateInput | undefined },
): Promise<Candidate> {
  if (input.candidateId) {
    const found = await em.findOne(Candidate, { id: input.candidateId });
    if (!found) throw new AppError('not_found', 'No such candidate');
    return found;
  }
  const data = input.candidate!;
  const existing = await em.findOne(Candidate, { email: data.email.toLowerCase() });
  if (existing) return existing;
  await em.execute(
    `insert into candidates (id, tenant_id, name, email, external_id) values (?, ?, ?, ?, ?)
     on conflict (tenant_id, email) do nothing`,
    [new Candidate().id, tenantId, data.name, data.email.toLowerCase(), data.externalId ?? null],
  );
  return em.findOneOrFail(Candidate, { email: data.email.toLowerCase() });
}
