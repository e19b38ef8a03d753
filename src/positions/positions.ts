import {
  decodeCursor,
  emSql,
  type Page,
  type PageRequest,
  pageOfRows,
  type Sql,
  type TenantEm,
  UUID_PATTERN,
  uuidv7,
} from '../db/index.ts';
import { AppError } from '../errors/index.ts';
import { BUILTIN_PARTNER_ID, loadManifest, type Manifest, PRIVATE_PLUGIN_PREFIX } from '../plugins/index.ts';
import { type BankManifest, compileDesign, designPluginVersion, privatePluginId } from './compile.ts';
import type { PositionDesign } from './design.ts';

/**
 * Positions: the job a tenant hires for and the interview it runs for it. Every save of a
 * position is a new design version, compiled and stored as an immutable tenant-private plugin
 * version; the position points at its latest, and interviews pin the one they started on.
 * Concurrent edits are refused by version (If-Match), so nobody's edit is lost silently.
 */

export const POSITION_STATUSES = ['open', 'closed'] as const;
export type PositionStatus = (typeof POSITION_STATUSES)[number];

export interface PositionFields {
  title: string;
  department?: string | null | undefined;
  location?: string | null | undefined;
  description: string;
  design: PositionDesign;
}

export interface Position {
  id: string;
  title: string;
  department: string | null;
  location: string | null;
  description: string;
  status: PositionStatus;
  designVersion: number;
  pluginId: string;
  pluginVersion: string;
  createdAt: Date;
  updatedAt: Date;
  /** interviews started on any of its designs */
  interviews: number;
}

interface PositionRow {
  id: string;
  title: string;
  department: string | null;
  location: string | null;
  description: string;
  status: PositionStatus;
  design_version: number;
  plugin_id: string;
  plugin_version: string;
  created_at: Date;
  updated_at: Date;
  interviews?: string | number;
}

const COLUMNS = `p.id, p.title, p.department, p.location, p.description, p.status, p.design_version,
  p.plugin_id, p.plugin_version, p.created_at, p.updated_at,
  (select count(*) from interviews i where i.tenant_id = p.tenant_id and i.position_id = p.id::text) as interviews`;

const toPosition = (r: PositionRow): Position => ({
  id: r.id,
  title: r.title,
  department: r.department,
  location: r.location,
  description: r.description,
  status: r.status,
  designVersion: r.design_version,
  pluginId: r.plugin_id,
  pluginVersion: r.plugin_version,
  createdAt: new Date(r.created_at),
  updatedAt: new Date(r.updated_at),
  interviews: Number(r.interviews ?? 0),
});

/** The position, or 404 (also for another tenant's: RLS hides it). `lock` holds it for an edit. */
export async function getPosition(sql: Sql, id: string, lock = false): Promise<Position> {
  if (!UUID_PATTERN.test(id)) throw new AppError('not_found', `No position ${id}`);
  const [row] = await sql<PositionRow>(
    `select ${COLUMNS} from positions p where p.id = ?${lock ? ' for update of p' : ''}`,
    [id],
  );
  if (!row) throw new AppError('not_found', `No position ${id}`);
  return toPosition(row);
}

/** The design saved as `version` of the position (the latest when absent). */
export async function getDesign(sql: Sql, position: Position, version?: number): Promise<PositionDesign> {
  const [row] = await sql<{ design: PositionDesign }>(
    'select design from position_designs where position_id = ? and version = ?',
    [position.id, version ?? position.designVersion],
  );
  if (!row) throw new AppError('not_found', `No design version ${version} of position ${position.id}`);
  return row.design;
}

export interface PositionQuery extends PageRequest {
  status?: PositionStatus | undefined;
}

/** Newest first, keyset-paged by id (ids are time-ordered). */
export async function listPositions(sql: Sql, query: PositionQuery): Promise<Page<Position>> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (query.status) {
    where.push('p.status = ?');
    args.push(query.status);
  }
  if (query.cursor) {
    where.push('p.id < ?');
    args.push(decodeCursor(query.cursor));
  }
  const rows = await sql<PositionRow>(
    `select ${COLUMNS} from positions p ${where.length ? `where ${where.join(' and ')}` : ''}
      order by p.id desc limit ?`,
    [...args, query.limit + 1],
  );
  return pageOfRows(rows, query.limit, toPosition);
}

/** The installed banks a design names, at the versions it pins (the installed one by default). */
async function designBanks(
  sql: Sql,
  design: PositionDesign,
): Promise<{ banks: BankManifest[]; design: PositionDesign }> {
  const banks: BankManifest[] = [];
  const problems: { path: string; message: string }[] = [];
  const pinned = await Promise.all(
    design.banks.map(async (selection, i) => {
      // another tenant's private plugin is not even named back
      if (selection.pluginId.startsWith(PRIVATE_PLUGIN_PREFIX))
        throw new AppError('not_found', `No plugin "${selection.pluginId}"`);
      const [install] = await sql<{ version: string }>(
        'select version from tenant_plugins where plugin_id = ?',
        [selection.pluginId],
      );
      if (!install) {
        problems.push({
          path: `/design/banks/${i}/pluginId`,
          message: `"${selection.pluginId}" is not installed`,
        });
        return selection;
      }
      const version = selection.version ?? install.version;
      const [exists] = await sql(
        'select 1 from plugin_versions where plugin_id = ? and version = ? and tenant_id is null',
        [selection.pluginId, version],
      );
      if (!exists) {
        problems.push({
          path: `/design/banks/${i}/version`,
          message: `no version ${version} of "${selection.pluginId}"`,
        });
        return selection;
      }
      banks.push({
        pluginId: selection.pluginId,
        version,
        manifest: await loadManifest(sql, selection.pluginId, version),
      });
      return { ...selection, version };
    }),
  );
  if (problems.length) throw invalidDesign(problems);
  return { banks, design: { ...design, banks: pinned } };
}

const invalidDesign = (errors: { path: string; message: string }[]) =>
  new AppError('invalid_design', `The design has ${errors.length} problem(s)`, { errors });

/** Compile the design as `designVersion` and store it: the private plugin version and the design row. */
async function saveDesign(
  em: TenantEm,
  tenantId: string,
  position: { id: string; title: string; description: string },
  designVersion: number,
  input: PositionDesign,
  userId: string | null,
): Promise<{ pluginId: string; pluginVersion: string; manifest: Manifest }> {
  const sql = emSql(em);
  const { banks, design } = await designBanks(sql, input);
  const [tenant] = await sql<{ name: string }>(
    'select coalesce(display_name, name) as name from tenants where id = ?',
    [tenantId],
  );
  const compiled = compileDesign({
    position,
    designVersion,
    publisher: tenant?.name ?? 'tenant',
    design,
    banks,
  });
  if (!compiled.ok) throw invalidDesign(compiled.problems);
  const { manifest, sha256 } = compiled;
  const pluginId = privatePluginId(position.id);
  const pluginVersion = designPluginVersion(designVersion);
  const roles = JSON.stringify(manifest.roles.map((r) => ({ id: r.id, title: r.title })));
  await sql(
    `insert into plugins (id, partner_id, tenant_id, name, description, publisher, latest_version, roles, search_text)
     values (?, ?, ?, ?, ?, ?, ?, ?::jsonb, '')
     on conflict (id) do update set latest_version = excluded.latest_version, name = excluded.name,
       description = excluded.description, roles = excluded.roles, updated_at = now()`,
    [
      pluginId,
      BUILTIN_PARTNER_ID,
      tenantId,
      manifest.name,
      manifest.description,
      manifest.publisher,
      pluginVersion,
      roles,
    ],
  );
  await sql(
    'insert into plugin_versions (plugin_id, version, tenant_id, sha256, manifest) values (?, ?, ?, ?, ?::jsonb)',
    [pluginId, pluginVersion, tenantId, sha256, JSON.stringify(manifest)],
  );
  await sql(
    `insert into position_designs (tenant_id, position_id, version, design, plugin_id, plugin_version, created_by)
     values (?, ?, ?, ?::jsonb, ?, ?, ?)`,
    [tenantId, position.id, designVersion, JSON.stringify(design), pluginId, pluginVersion, userId],
  );
  return { pluginId, pluginVersion, manifest };
}

export async function createPosition(
  em: TenantEm,
  tenantId: string,
  fields: PositionFields,
  userId: string | null,
): Promise<Position> {
  const id = uuidv7();
  const sql = emSql(em);
  // the row first (design rows reference it); its plugin columns are set once the design compiled
  await sql(
    `insert into positions (id, tenant_id, title, department, location, description, design_version, plugin_id, plugin_version, created_by)
     values (?, ?, ?, ?, ?, ?, 1, ?, ?, ?)`,
    [
      id,
      tenantId,
      fields.title,
      fields.department ?? null,
      fields.location ?? null,
      fields.description,
      privatePluginId(id),
      designPluginVersion(1),
      userId,
    ],
  );
  await saveDesign(em, tenantId, { id, ...fields }, 1, fields.design, userId);
  return getPosition(sql, id);
}

/**
 * A new design version of the position, if `expectedVersion` is still its version (409
 * version_conflict with the current one otherwise). Interviews already started keep theirs.
 */
export async function updatePosition(
  em: TenantEm,
  tenantId: string,
  id: string,
  expectedVersion: number,
  fields: PositionFields,
  userId: string | null,
): Promise<Position> {
  const sql = emSql(em);
  const current = await getPosition(sql, id, true);
  if (current.designVersion !== expectedVersion)
    throw new AppError(
      'version_conflict',
      `The position is at version ${current.designVersion}, not ${expectedVersion}: reload it and apply your change again`,
      { currentVersion: current.designVersion },
    );
  const version = current.designVersion + 1;
  const saved = await saveDesign(em, tenantId, { id, ...fields }, version, fields.design, userId);
  await sql(
    `update positions set title = ?, department = ?, location = ?, description = ?, design_version = ?,
       plugin_id = ?, plugin_version = ?, updated_at = now() where id = ?`,
    [
      fields.title,
      fields.department ?? null,
      fields.location ?? null,
      fields.description,
      version,
      saved.pluginId,
      saved.pluginVersion,
      id,
    ],
  );
  return getPosition(sql, id);
}

/** Open or close a position (closed: no new interviews). Not a design change: same version. */
export async function setPositionStatus(
  sql: Sql,
  id: string,
  status: PositionStatus,
  expectedVersion?: number,
): Promise<Position> {
  const current = await getPosition(sql, id, true);
  if (expectedVersion !== undefined && current.designVersion !== expectedVersion)
    throw new AppError('version_conflict', `The position is at version ${current.designVersion}`, {
      currentVersion: current.designVersion,
    });
  await sql('update positions set status = ?, updated_at = now() where id = ?', [status, id]);
  return getPosition(sql, id);
}

/** The design an interview starts on: the position's latest, if it is open. */
export async function positionForInterview(
  sql: Sql,
  id: string,
): Promise<{ position: Position; manifest: Manifest; sha256: string }> {
  const position = await getPosition(sql, id);
  if (position.status !== 'open')
    throw new AppError(
      'position_closed',
      `The position "${position.title}" is closed; reopen it to start interviews`,
    );
  const manifest = await loadManifest(sql, position.pluginId, position.pluginVersion);
  const [row] = await sql<{ sha256: string }>(
    'select sha256 from plugin_versions where plugin_id = ? and version = ?',
    [position.pluginId, position.pluginVersion],
  );
  return { position, manifest, sha256: row!.sha256 };
}

/** What reports and webhooks say of a position: id, title and the design version run. */
export async function positionRef(
  sql: Sql,
  positionId: string | null,
  designVersion: number | null,
): Promise<{ id: string; title: string; designVersion: number } | null> {
  if (!positionId || !UUID_PATTERN.test(positionId)) return null;
  const [row] = await sql<{ title: string; design_version: number }>(
    'select title, design_version from positions where id = ?',
    [positionId],
  );
  if (!row) return null;
  return { id: positionId, title: row.title, designVersion: designVersion ?? row.design_version };
}
