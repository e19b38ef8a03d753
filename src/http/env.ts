import type { CandidatePrincipal, Principal } from '../auth/index.ts';
import type { Partner, Sql, TenantEm } from '../db/index.ts';
import type { Logger } from '../observability/index.ts';
import type { Services } from './services.ts';

/** The typed per-request context: handlers read these, never module singletons. */
export interface AppEnv {
  Variables: {
    requestId: string;
    logger: Logger;
    services: Services;
    /** set by requireAuth: who calls */
    principal: Principal;
    /**
     * set by requireAuth({ deferPrincipalCheck }): the verified credential's tenant, and the
     * principal check the handler must run first in its own first transaction
     */
    deferredAuth: { tenantId: string; check: (sql: Sql) => Promise<void> } | undefined;
    /** set by requireAuthOrCandidate when a candidate's join-link token is used */
    candidate: CandidatePrincipal | undefined;
    /** set by requirePartner: the publishing partner */
    partner: Partner;
    /** set by requireAuth / requirePartner: the forked, tenant-scoped EntityManager inside this request's transaction */
    em: TenantEm;
    /** work for after the request's transaction commits (see afterCommit) */
    afterCommit: (() => Promise<void>)[] | undefined;
  };
}
