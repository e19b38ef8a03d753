import type { Phase } from './manifest.ts';

/**
 * The default plan of an interview: how many turns each phase gets for a length, when a bank's
 * (or a position's) settings do not say.
 */

const MIDDLE_SHARE: Partial<Record<Phase, number>> = { technical: 0.4, behavioral: 0.3, situational: 0.3 };

export type Quotas = Record<Phase, number>;

/** Turns per phase for an interview of `length` turns: one intro, one closing, the rest 40/30/30. */
export function planQuotas(length: number): Quotas {
  const middle = length - 2;
  const shares = (['technical', 'behavioral', 'situational'] as const).map((p) => ({
    phase: p,
    exact: middle * MIDDLE_SHARE[p]!,
  }));
  const quotas: Quotas = { intro: 1, technical: 0, behavioral: 0, situational: 0, closing: 1 };
  let given = 0;
  for (const s of shares) {
    quotas[s.phase] = Math.floor(s.exact);
    given += quotas[s.phase];
  }
  // Largest remainder, ties in phase order: the split is stable and sums to `middle`.
  const byRemainder = [...shares].sort((a, b) => (b.exact % 1) - (a.exact % 1));
  for (let i = 0; given < middle; i++, given++) quotas[byRemainder[i % 3]!.phase] += 1;
  return quotas;
}
