import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { hashSecret } from '../auth/index.ts';
import { isUniqueViolation, type Sql, uuidv7 } from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { type CredentialKeyring, CredentialsUnreadableError, secretHint } from './credentials.ts';

export const ATS_PROVIDERS = ['greenhouse', 'ashby', 'lever'] as const;
export type AtsProvider = (typeof ATS_PROVIDERS)[number];

export const CREDENTIAL_FIELDS = ['apiKey', 'webhookToken'] as const;
export type CredentialField = (typeof CREDENTIAL_FIELDS)[number];
/**
 * The sealed secrets. `inboundKey`: the key we issued, kept (sealed) beside its hash where the ATS
 * wants it back on our calls (Greenhouse's completion PATCH carries it); never entered by a user.
 */
export type AtsCredentials = Partial<Record<CredentialField | 'inboundKey', string>>;

/**
 * What each ATS's connection holds. `credentials`: the secrets we call the ATS with (encrypted);
 * `inboundKey`: the ATS calls us with a key of ours (Greenhouse, Ashby), stored as a hash.
 */
export const PROVIDER_NEEDS: Record<
  AtsProvider,
  { credentials: readonly CredentialField[]; inboundKey: boolean; keepsInboundKey: boolean; label: string }
> = {
  greenhouse: { credentials: [], inboundKey: true, keepsInboundKey: true, label: 'Greenhouse' },
  ashby: { credentials: ['apiKey'], inboundKey: true, keepsInboundKey: false, label: 'Ashby' },
  lever: {
    credentials: ['apiKey', 'webhookToken'],
    inboundKey: false,
    keepsInboundKey: false,
    label: 'Lever',
  },
};

/** The key an ATS calls us with: `atk_` + 256 random bits; only its SHA-256 is kept. */
export const INBOUND_KEY_PREFIX = 'atk_';
export const looksLikeInboundKey = (v: string) =>
  v.startsWith(INBOUND_KEY_PREFIX) && v.length > 20 && v.length < 100;
function newInboundKey() {
  const value = INBOUND_KEY_PREFIX + randomBytes(32).toString('base64url');
  return { value, hash: hashSecret(value), prefix: value.slice(0, 12) };
}

export const AtsSettingsSchema = z
  .object({
    /** mail the candidate the invitation (the ATS may mail its own) */
    sendInvitation: z.boolean().default(true),
    /** Lever: a posting id -> the position its candidates interview for */
    positionMap: z.record(z.string().min(1).max(200), z.uuid()).default({}),
    /** Lever: the position for a posting the map does not name (none: such candidates are skipped) */
    defaultPositionId: z.uuid().nullable().default(null),
    /** Lever: the stage whose arrival starts an interview */
    triggerStageId: z.string().min(1).max(200).nullable().default(null),
  })
  .strict();
export type AtsSettings = z.output<typeof AtsSettingsSchema>;

export interface ConnectionRow {
  id: string;
  tenant_id: string;
  provider: AtsProvider;
  name: string;
  enabled: boolean;
  inbound_key_prefix: string | null;
  credentials: string | null;
  credentials_hint: Partial<Record<CredentialField, string>>;
  credentials_updated_at: Date | null;
  settings: Partial<AtsSettings>;
  last_test_at: Date | null;
  last_test_ok: boolean | null;
  last_test_error: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = `id, tenant_id, provider, name, enabled, inbound_key_prefix, credentials, credentials_hint,
  credentials_updated_at, settings, last_test_at, last_test_ok, last_test_error, created_by, created_at, updated_at`;

/** What clients see of a connection: never a secret, only whether each is set and its last characters. */
export interface ConnectionView {
  id: string;
  provider: AtsProvider;
  name: string;
  enabled: boolean;
  inboundKeyPrefix: string | null;
  credentials: { field: CredentialField; set: boolean; hint: string | null }[];
  credentialsUpdatedAt: string | null;
  settings: AtsSettings;
  lastTest: { at: string; ok: boolean; error: string | null } | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export const settingsOf = (row: Pick<ConnectionRow, 'settings'>): AtsSettings =>
  AtsSettingsSchema.parse(row.settings ?? {});

export function connectionView(row: ConnectionRow): ConnectionView {
  return {
    id: row.id,
    provider: row.provider,
    name: row.name,
    enabled: row.enabled,
    inboundKeyPrefix: row.inbound_key_prefix,
    credentials: PROVIDER_NEEDS[row.provider].credentials.map((field) => ({
      field,
      set: row.credentials_hint?.[field] !== undefined,
      hint: row.credentials_hint?.[field] ?? null,
    })),
    credentialsUpdatedAt: row.credentials_updated_at
      ? new Date(row.credentials_updated_at).toISOString()
      : null,
    settings: settingsOf(row),
    lastTest: row.last_test_at
      ? { at: new Date(row.last_test_at).toISOString(), ok: !!row.last_test_ok, error: row.last_test_error }
      : null,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The associated data a connection's ciphertext is bound to. */
export const credentialsBinding = (tenantId: string, connectionId: string) =>
  `ats:${tenantId}:${connectionId}`;

export async function getConnection(sql: Sql, tenantId: string, id: string): Promise<ConnectionRow> {
  const [row] = await sql<ConnectionRow>(
    `select ${COLUMNS} from ats_connections where id = ? and tenant_id = ?`,
    [id, tenantId],
  );
  if (!row) throw new AppError('not_found', 'No such ATS connection');
  return row;
}

export async function findConnectionByProvider(
  sql: Sql,
  tenantId: string,
  provider: AtsProvider,
): Promise<ConnectionRow | undefined> {
  const [row] = await sql<ConnectionRow>(
    `select ${COLUMNS} from ats_connections where tenant_id = ? and provider = ?`,
    [tenantId, provider],
  );
  return row;
}

export function listConnections(sql: Sql, tenantId: string): Promise<ConnectionRow[]> {
  return sql<ConnectionRow>(
    `select ${COLUMNS} from ats_connections where tenant_id = ? order by created_at`,
    [tenantId],
  );
}

/** Mapped positions must be the tenant's own (another tenant's id is as unknown as a typo). */
async function checkPositions(sql: Sql, tenantId: string, settings: AtsSettings): Promise<void> {
  const wanted = [
    ...Object.entries(settings.positionMap).map(([k, id]) => ({
      path: `/body/settings/positionMap/${k}`,
      id,
    })),
    ...(settings.defaultPositionId
      ? [{ path: '/body/settings/defaultPositionId', id: settings.defaultPositionId }]
      : []),
  ];
  if (wanted.length === 0) return;
  const found = await sql<{ id: string }>(
    'select id from positions where tenant_id = ? and id = any(?::uuid[])',
    [tenantId, `{${wanted.map((w) => w.id).join(',')}}`],
  );
  const known = new Set(found.map((r) => r.id));
  const errors = wanted
    .filter((w) => !known.has(w.id))
    .map((w) => ({ path: w.path, message: 'no such position' }));
  if (errors.length > 0)
    throw new AppError('validation_failed', 'The mapping names unknown positions', { errors });
}

/** Replace the secrets given (rotation): encrypted, bound to the connection; hints kept for the view. */
function sealCredentials(
  keyring: CredentialKeyring,
  tenantId: string,
  id: string,
  provider: AtsProvider,
  current: AtsCredentials,
  given: AtsCredentials,
) {
  const allowed = new Set(PROVIDER_NEEDS[provider].credentials);
  const errors = Object.keys(given)
    .filter((f) => !allowed.has(f as CredentialField))
    .map((f) => ({
      path: `/body/credentials/${f}`,
      message: `${PROVIDER_NEEDS[provider].label} takes no ${f}`,
    }));
  if (errors.length > 0) throw new AppError('validation_failed', 'Unexpected credentials', { errors });
  const merged: AtsCredentials = { ...current, ...given };
  const hint = Object.fromEntries(
    Object.entries(merged)
      .filter(([k]) => allowed.has(k as CredentialField))
      .map(([k, v]) => [k, secretHint(v!)]),
  );
  return {
    sealed: keyring.encrypt(merged as Record<string, string>, credentialsBinding(tenantId, id)),
    hint,
  };
}

export interface NewConnection {
  provider: AtsProvider;
  name?: string | undefined;
  credentials?: AtsCredentials | undefined;
  settings?: Partial<AtsSettings> | undefined;
}

/** Connect an ATS (one connection per ATS). The inbound key, when the ATS calls us, is returned this once. */
export async function createConnection(
  sql: Sql,
  tenantId: string,
  keyring: CredentialKeyring,
  input: NewConnection,
  createdBy: string | null,
): Promise<{ row: ConnectionRow; inboundKey: string | null }> {
  const id = uuidv7();
  const settings = AtsSettingsSchema.parse(input.settings ?? {});
  await checkPositions(sql, tenantId, settings);
  const needs = PROVIDER_NEEDS[input.provider];
  const inbound = needs.inboundKey ? newInboundKey() : undefined;
  const { sealed, hint } = sealCredentials(
    keyring,
    tenantId,
    id,
    input.provider,
    {},
    input.credentials ?? {},
  );
  const kept =
    inbound && needs.keepsInboundKey
      ? reseal(keyring, tenantId, id, sealed, { inboundKey: inbound.value })
      : sealed;
  try {
    await sql(
      `insert into ats_connections (id, tenant_id, provider, name, inbound_key_hash, inbound_key_prefix, credentials,
         credentials_hint, credentials_updated_at, settings, created_by)
       values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?::jsonb, ?)`,
      [
        id,
        tenantId,
        input.provider,
        input.name ?? PROVIDER_NEEDS[input.provider].label,
        inbound?.hash ?? null,
        inbound?.prefix ?? null,
        kept,
        JSON.stringify(hint),
        Object.keys(hint).length > 0 ? new Date() : null,
        JSON.stringify(settings),
        createdBy,
      ],
    );
  } catch (err) {
    if (isUniqueViolation(err, 'ats_connections_provider_unique'))
      throw new AppError(
        'ats_connection_exists',
        `${PROVIDER_NEEDS[input.provider].label} is already connected`,
      );
    throw err;
  }
  return { row: await getConnection(sql, tenantId, id), inboundKey: inbound?.value ?? null };
}

export interface ConnectionPatch {
  name?: string | undefined;
  enabled?: boolean | undefined;
  settings?: Partial<AtsSettings> | undefined;
  /** new secrets replace the old ones (rotation); fields not given are kept */
  credentials?: AtsCredentials | undefined;
}

export async function updateConnection(
  sql: Sql,
  tenantId: string,
  keyring: CredentialKeyring,
  id: string,
  patch: ConnectionPatch,
): Promise<{ row: ConnectionRow; rotated: CredentialField[] }> {
  const row = await getConnection(sql, tenantId, id);
  const sets: string[] = ['updated_at = now()'];
  const args: unknown[] = [];
  if (patch.name !== undefined) sets.push('name = ?') && args.push(patch.name);
  if (patch.enabled !== undefined) sets.push('enabled = ?') && args.push(patch.enabled);
  if (patch.settings !== undefined) {
    const settings = AtsSettingsSchema.parse({ ...settingsOf(row), ...patch.settings });
    await checkPositions(sql, tenantId, settings);
    sets.push('settings = ?::jsonb') && args.push(JSON.stringify(settings));
  }
  const rotated = Object.keys(patch.credentials ?? {}) as CredentialField[];
  if (rotated.length > 0) {
    const current = readCredentials(keyring, row).value;
    const { sealed, hint } = sealCredentials(
      keyring,
      tenantId,
      id,
      row.provider,
      current,
      patch.credentials!,
    );
    sets.push('credentials = ?', 'credentials_hint = ?::jsonb', 'credentials_updated_at = now()');
    args.push(sealed, JSON.stringify(hint));
  }
  await sql(`update ats_connections set ${sets.join(', ')} where id = ? and tenant_id = ?`, [
    ...args,
    id,
    tenantId,
  ]);
  return { row: await getConnection(sql, tenantId, id), rotated };
}

/** A new inbound key; the old one stops working at once. */
export async function rotateInboundKey(
  sql: Sql,
  tenantId: string,
  keyring: CredentialKeyring,
  id: string,
): Promise<string> {
  const row = await getConnection(sql, tenantId, id);
  if (!PROVIDER_NEEDS[row.provider].inboundKey)
    throw new AppError(
      'validation_failed',
      `${PROVIDER_NEEDS[row.provider].label} does not call with a key`,
      {
        errors: [{ path: '/params/id', message: 'this connection has no inbound key' }],
      },
    );
  const key = newInboundKey();
  await sql(
    'update ats_connections set inbound_key_hash = ?, inbound_key_prefix = ?, updated_at = now() where id = ? and tenant_id = ?',
    [key.hash, key.prefix, id, tenantId],
  );
  if (PROVIDER_NEEDS[row.provider].keepsInboundKey) {
    await sql('update ats_connections set credentials = ? where id = ? and tenant_id = ?', [
      reseal(keyring, tenantId, id, row.credentials, { inboundKey: key.value }),
      id,
      tenantId,
    ]);
  }
  return key.value;
}

/** The sealed secrets with some fields replaced, sealed again. */
function reseal(
  keyring: CredentialKeyring,
  tenantId: string,
  id: string,
  sealed: string | null,
  fields: AtsCredentials,
): string {
  const current = readCredentials(keyring, { id, tenant_id: tenantId, credentials: sealed }).value;
  return keyring.encrypt(
    { ...current, ...fields } as Record<string, string>,
    credentialsBinding(tenantId, id),
  );
}

export async function deleteConnection(sql: Sql, tenantId: string, id: string): Promise<ConnectionRow> {
  const row = await getConnection(sql, tenantId, id);
  await sql('delete from ats_connections where id = ? and tenant_id = ?', [id, tenantId]);
  return row;
}

/**
 * The connection's secrets in clear, for one call; `stale`: sealed with an earlier key.
 * `unreadable`: why they cannot be opened (the server's key changed without the old one kept in
 * CREDENTIALS_ENCRYPTION_PREVIOUS_KEYS): then `value` is empty and they must be entered again.
 */
export function readCredentials(
  keyring: CredentialKeyring,
  row: Pick<ConnectionRow, 'id' | 'tenant_id' | 'credentials'>,
): { value: AtsCredentials; stale: boolean; unreadable: string | null } {
  if (!row.credentials) return { value: {}, stale: false, unreadable: null };
  try {
    return {
      ...keyring.decrypt(row.credentials, credentialsBinding(row.tenant_id, row.id)),
      unreadable: null,
    };
  } catch (err) {
    if (!(err instanceof CredentialsUnreadableError)) throw err;
    return { value: {}, stale: false, unreadable: `${err.message}: enter the credentials again` };
  }
}

/**
 * Open the secrets for use, re-encrypting them with the current key when an earlier one sealed
 * them (key rotation, done on use).
 */
export async function openForUse(
  sql: Sql,
  keyring: CredentialKeyring,
  row: ConnectionRow,
): Promise<ReturnType<typeof readCredentials>> {
  const opened = readCredentials(keyring, row);
  const { value, stale } = opened;
  if (!stale) return opened;
  await sql('update ats_connections set credentials = ? where id = ? and tenant_id = ?', [
    keyring.encrypt(value as Record<string, string>, credentialsBinding(row.tenant_id, row.id)),
    row.id,
    row.tenant_id,
  ]);
  return opened;
}

export async function recordConnectionTest(
  sql: Sql,
  tenantId: string,
  id: string,
  result: { ok: boolean; error: string | null },
): Promise<void> {
  await sql(
    'update ats_connections set last_test_at = now(), last_test_ok = ?, last_test_error = ? where id = ? and tenant_id = ?',
    [result.ok, result.error?.slice(0, 500) ?? null, id, tenantId],
  );
}
