import type { Role } from './roles.ts';

/** Who is calling: a signed-in user or an API key, always inside one tenant. */
export type Principal =
  | { kind: 'user'; tenantId: string; userId: string; email: string; role: Role }
  | { kind: 'api_key'; tenantId: string; apiKeyId: string; role: Role; name: string; prefix: string };

/** A candidate on a join link: may answer and read the state of one interview only. */
export interface CandidatePrincipal {
  kind: 'candidate';
  tenantId: string;
  interviewId: string;
}
