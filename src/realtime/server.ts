import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { authenticate, type Principal, type TokenService } from '../auth/index.ts';
import { Interview, type Orm, withTenant } from '../db/index.ts';
import { interviewRoom, interviewStaffRoom, type RealtimeEmitter, roomsFor, tenantRoom } from './events.ts';

export const SOCKET_PATH = '/socket.io';

/**
 * Who may connect, and to which interview. Staff credentials (JWT or API key) join their
 * tenant's room and may join any interview room of their tenant. `extraAuth` lets other kinds of
 * credential in (the candidate's join token, scoped to one interview).
 */
export interface SocketAuthorizer {
  authenticate(token: string): Promise<SocketIdentity>;
}

export type SocketIdentity =
  | { kind: 'staff'; principal: Principal }
  | { kind: 'candidate'; tenantId: string; interviewId: string };

export function staffAuthorizer(orm: Orm, tokens: TokenService, extra?: SocketAuthorizer): SocketAuthorizer {
  return {
    async authenticate(token) {
      if (extra) {
        const other = await extra.authenticate(token).catch(() => undefined);
        if (other) return other;
      }
      return { kind: 'staff', principal: await authenticate(orm, tokens, token) };
    },
  };
}

/** Candidates' join-link tokens: the socket joins that one interview's room and nothing else. */
export function candidateAuthorizer(tokens: TokenService): SocketAuthorizer {
  return {
    async authenticate(token) {
      const claims = await tokens.verifyCandidate(token);
      if (!claims) throw new Error('unauthorized');
      return { kind: 'candidate', tenantId: claims.tid, interviewId: claims.sub };
    },
  };
}

export interface RealtimeServer {
  io: Server;
  emitter: RealtimeEmitter;
  close(): Promise<void>;
}

/**
 * Socket.IO on the API's HTTP server. Clients connect with `auth: { token }`; staff are put in
 * `tenant:<id>` and send `join` {interviewId} (acknowledged with {ok} or {error}) for an
 * interview room; candidates are put in their interview's room only. With Redis the adapter
 * fans events out across every API process.
 */
export async function attachRealtime(input: {
  httpServer: HttpServer;
  orm: Orm;
  authorizer: SocketAuthorizer;
  redis?: Redis | undefined;
  /** how often connected credentials are re-checked (default a minute) */
  recheckMs?: number | undefined;
}): Promise<RealtimeServer> {
  const io = new Server(input.httpServer, { path: SOCKET_PATH, serveClient: false, cors: { origin: false } });
  let pub: Redis | undefined;
  let sub: Redis | undefined;
  if (input.redis) {
    pub = input.redis.duplicate();
    sub = input.redis.duplicate();
    io.adapter(createAdapter(pub, sub));
  }

  io.use(async (socket, next) => {
    const token = socket.handshake.auth?.['token'];
    if (typeof token !== 'string' || !token) return next(new Error('unauthorized'));
    try {
      socket.data['identity'] = await input.authorizer.authenticate(token);
      socket.data['token'] = token;
      next();
    } catch {
      next(new Error('unauthorized'));
    }
  });

  // A socket outlives its handshake: re-check every credential now and then, so a removed
  // member, a revoked key or an expired token stops receiving events within a minute.
  // Each distinct credential is checked once a pass, however many sockets (tabs) share it.
  const recheck = setInterval(async () => {
    const verdicts = new Map<string, Promise<boolean>>();
    for (const socket of await io.local.fetchSockets()) {
      const token = socket.data['token'] as string;
      let verdict = verdicts.get(token);
      if (!verdict) {
        verdict = input.authorizer.authenticate(token).then(
          () => true,
          () => false,
        );
        verdicts.set(token, verdict);
      }
      if (!(await verdict)) socket.disconnect(true);
    }
  }, input.recheckMs ?? 60_000);
  recheck.unref();

  io.on('connection', (socket) => {
    const identity = socket.data['identity'] as SocketIdentity;
    if (identity.kind === 'candidate') {
      socket.join(interviewRoom(identity.interviewId));
    } else {
      socket.join(tenantRoom(identity.principal.tenantId));
    }
    socket.on('join', async (msg: unknown, ack?: (r: unknown) => void) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const interviewId = (msg as { interviewId?: unknown } | null)?.interviewId;
      if (
        identity.kind !== 'staff' ||
        typeof interviewId !== 'string' ||
        !/^[0-9a-f-]{36}$/i.test(interviewId)
      ) {
        return reply({ ok: false, error: 'not_found' });
      }
      // RLS decides: another tenant's interview is simply not found.
      const found = await withTenant(input.orm, identity.principal.tenantId, (em) =>
        em.count(Interview, { id: interviewId }),
      ).catch(() => 0);
      if (!found) return reply({ ok: false, error: 'not_found' });
      await socket.join(interviewStaffRoom(interviewId));
      reply({ ok: true });
    });
  });

  return {
    io,
    emitter: socketEmitter(io),
    async close() {
      clearInterval(recheck);
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await pub?.quit().catch(() => undefined);
      await sub?.quit().catch(() => undefined);
    },
  };
}

/** Emits through a local Socket.IO server (reaching other processes through its adapter). */
export function socketEmitter(io: Pick<Server, 'to'>): RealtimeEmitter {
  return {
    emit(tenantId, event, payload) {
      io.to(roomsFor(tenantId, event, payload.interviewId)).emit(event, payload);
    },
  };
}
