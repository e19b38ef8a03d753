import type { Sql } from '../../db/index.ts';
import { getPosition } from '../../positions/index.ts';
import { type AdverseImpact, adverseImpact, IMPACT_RATIO_FLAG, SMALL_CATEGORY_SHARE } from './impact.ts';
import { countedOutcomes } from './outcomes.ts';
import { reportWindow } from './window.ts';

export interface AdverseImpactQuery {
  positionId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

export interface AdverseImpactReport extends AdverseImpact {
  position: { id: string; title: string } | null;
  /** the bounds as asked (null: open) */
  from: string | null;
  to: string | null;
  generatedAt: string;
  /** the rules applied: categories under this share get no ratio; ratios under this are flagged */
  smallCategoryShare: number;
  impactRatioFlag: number;
}

/**
 * The adverse-impact report of the tenant's completed interviews: the numbers an independent
 * auditor needs for a Local Law 144 bias audit. An unknown position is a 404; from > to a 400.
 */
export async function adverseImpactReport(
  sql: Sql,
  tenantId: string,
  q: AdverseImpactQuery,
): Promise<AdverseImpactReport> {
  const window = reportWindow(q.from, q.to);
  const position = q.positionId ? await getPosition(sql, q.positionId) : null;
  const outcomes = await countedOutcomes(sql, { tenantId, positionId: position?.id ?? null, window });
  return {
    position: position ? { id: position.id, title: position.title } : null,
    from: q.from ?? null,
    to: q.to ?? null,
    generatedAt: new Date().toISOString(),
    smallCategoryShare: SMALL_CATEGORY_SHARE,
    impactRatioFlag: IMPACT_RATIO_FLAG,
    ...adverseImpact(outcomes),
  };
}
