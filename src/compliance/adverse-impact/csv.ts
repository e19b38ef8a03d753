import type { Rates } from './impact.ts';
import type { AdverseImpactReport } from './report.ts';

/** The CSV columns, in order: one row per category, then the declined and unknown rows of each dimension. */
export const CSV_COLUMNS = [
  'dimension',
  'sex',
  'race_ethnicity',
  'group',
  'candidates',
  'share',
  'selected',
  'selection_rate',
  'selection_impact_ratio',
  'selection_flagged',
  'above_median',
  'scoring_rate',
  'scoring_impact_ratio',
  'scoring_flagged',
  'excluded_under_2_percent',
  'median_score',
  'position_id',
  'from',
  'to',
] as const;

type Cell = string | number | boolean | null;

/** A cell: numbers as JavaScript writes them (full precision), null as empty, text quoted when it must be. */
function cell(v: Cell): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/**
 * The report as CSV (RFC 4180, CRLF) for an auditor's spreadsheet. A first row `all` gives the
 * totals; every row repeats the median and the window, so the file stands on its own.
 */
export function adverseImpactCsv(r: AdverseImpactReport): string {
  const context = [r.medianScore, r.position?.id ?? null, r.from, r.to];
  const row = (
    dimension: string,
    sex: string | null,
    race: string | null,
    group: string,
    x: Rates,
    share: number | null,
    ratios: {
      sel: number | null;
      selFlag: boolean;
      sco: number | null;
      scoFlag: boolean;
      excluded: boolean;
    } | null,
  ): Cell[] => [
    dimension,
    sex,
    race,
    group,
    x.candidates,
    share,
    x.selected,
    x.selectionRate,
    ratios?.sel ?? null,
    ratios ? ratios.selFlag : null,
    x.aboveMedian,
    x.scoringRate,
    ratios?.sco ?? null,
    ratios ? ratios.scoFlag : null,
    ratios ? ratios.excluded : null,
    ...context,
  ];
  const total = r.candidates;
  const rows: Cell[][] = [row('all', null, null, 'all', r, total ? 1 : 0, null)];
  for (const d of r.dimensions) {
    for (const c of d.categories) {
      rows.push(
        row(d.dimension, c.sex, c.raceEthnicity, 'category', c, c.share, {
          sel: c.selectionImpactRatio,
          selFlag: c.selectionFlagged,
          sco: c.scoringImpactRatio,
          scoFlag: c.scoringFlagged,
          excluded: c.excluded,
        }),
      );
    }
    for (const group of ['declined', 'unknown'] as const) {
      const x = d[group];
      rows.push(row(d.dimension, null, null, group, x, total ? x.candidates / total : 0, null));
    }
  }
  const lines = [[...CSV_COLUMNS], ...rows].map((cells) => cells.map(cell).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
