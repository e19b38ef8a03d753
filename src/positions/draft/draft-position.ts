import type { OpenAI } from 'openai';
import { LlmFailure } from '../../ai/index.ts';
import type { Sql } from '../../db/index.ts';
import { loadManifest } from '../../plugins/index.ts';
import { draftWithLlm } from './llm-draft.ts';
import { type BankInput, draftFromBanks } from './match-banks.ts';
import type { Draft } from './types.ts';

export interface DraftPositionInput {
  title: string;
  description: string;
  length?: number | undefined;
}

/** The tenant's installed banks at their pinned versions (private plugins are never installed). */
export async function installedBanks(sql: Sql): Promise<BankInput[]> {
  const installs = await sql<{ plugin_id: string; version: string }>(
    'select plugin_id, version from tenant_plugins order by plugin_id',
  );
  return Promise.all(
    installs.map(async (i) => ({
      pluginId: i.plugin_id,
      version: i.version,
      manifest: await loadManifest(sql, i.plugin_id, i.version),
    })),
  );
}

/**
 * A proposed design for a job description, saved nowhere: with a model, the tenant's own
 * questions drafted by it (validated, repaired once, or refused); without one, or when the model
 * cannot be reached, the closest questions of the installed banks, each with why it was picked.
 */
export async function draftPosition(
  /** the installed banks (read in a short transaction of the caller's; no model call holds one) */
  banks: () => Promise<BankInput[]>,
  input: DraftPositionInput,
  llm?: { client: OpenAI; model: string } | undefined,
): Promise<Draft> {
  if (llm) {
    try {
      return await draftWithLlm({ ...llm, ...input });
    } catch (err) {
      if (!(err instanceof LlmFailure)) throw err;
      const fromBanks = draftFromBanks({ ...input, banks: await banks() });
      const note = `The language model could not draft this time (${err.reason}); these questions come from your installed banks instead.`;
      return { ...fromBanks, notes: [note, ...fromBanks.notes] };
    }
  }
  return draftFromBanks({ ...input, banks: await banks() });
}
