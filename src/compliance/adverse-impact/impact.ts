import {
  DECLINE,
  RACE_ETHNICITY_CATEGORIES,
  type RaceEthnicity,
  type RaceEthnicityAnswer,
  SEX_CATEGORIES,
  type Sex,
  type SexAnswer,
} from './categories.ts';

/**
 * The adverse-impact arithmetic of NYC Local Law 144's bias-audit rules (6 RCNY § 5-300/5-301),
 * as a pure function of the counted candidates: selection rates, scoring rates and impact ratios
 * for sex, race/ethnicity and their intersections. The formulas are in docs/compliance.md.
 */

/** One counted candidate: the outcome of their latest interview and what they self-identified. */
export interface Outcome {
  /** the report's overall score (as evaluated, before any recruiter override) */
  overall: number;
  recommendation: string;
  /** null: no self-identification given */
  sex: SexAnswer | null;
  raceEthnicity: RaceEthnicityAnswer | null;
}

/** Recommendations that count as selected (moved forward). */
export const SELECTED_RECOMMENDATIONS: readonly string[] = ['strong_hire', 'hire'];
/** A category holding less than this share of all counted candidates is reported, but given no ratio. */
export const SMALL_CATEGORY_SHARE = 0.02;
/** An impact ratio below this is flagged (the four-fifths rule). */
export const IMPACT_RATIO_FLAG = 0.8;

export interface Rates {
  candidates: number;
  selected: number;
  /** selected / candidates; null with no candidates */
  selectionRate: number | null;
  /** candidates scoring above the median overall score of all counted candidates */
  aboveMedian: number;
  /** aboveMedian / candidates; null with no candidates */
  scoringRate: number | null;
}

export interface CategoryResult extends Rates {
  /** the category: a sex, a race/ethnicity, or both (an intersection) */
  sex: Sex | null;
  raceEthnicity: RaceEthnicity | null;
  /** candidates / all counted candidates (unknown and declined included) */
  share: number;
  /** under 2 % of the data: reported, but neither given a ratio nor a reference for others */
  excluded: boolean;
  /** selectionRate / the highest selectionRate among the categories not excluded */
  selectionImpactRatio: number | null;
  scoringImpactRatio: number | null;
  /** its ratio is below 0.8 */
  selectionFlagged: boolean;
  scoringFlagged: boolean;
}

export type DimensionName = 'sex' | 'race_ethnicity' | 'intersectional';

export interface DimensionResult {
  dimension: DimensionName;
  categories: CategoryResult[];
  /** answered "decline to answer" (for an intersection: either question): counted apart, no ratio */
  declined: Rates;
  /** gave no self-identification: counted apart, no ratio */
  unknown: Rates;
  /** the reference of the ratios: the highest rate among the categories not excluded */
  highestSelectionRate: number | null;
  highestScoringRate: number | null;
}

export interface AdverseImpact extends Rates {
  /** the median overall score of all counted candidates; null with none */
  medianScore: number | null;
  dimensions: DimensionResult[];
}

/** The middle score, or the mean of the two middle ones for an even count. */
export function median(scores: number[]): number | null {
  if (scores.length === 0) return null;
  const sorted = [...scores].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Counted {
  outcome: Outcome;
  selected: boolean;
  above: boolean;
}

function rates(members: Counted[]): Rates {
  const candidates = members.length;
  const selected = members.filter((m) => m.selected).length;
  const aboveMedian = members.filter((m) => m.above).length;
  return {
    candidates,
    selected,
    selectionRate: candidates ? selected / candidates : null,
    aboveMedian,
    scoringRate: candidates ? aboveMedian / candidates : null,
  };
}

interface CategoryKey {
  sex: Sex | null;
  raceEthnicity: RaceEthnicity | null;
}

interface Dimension {
  name: DimensionName;
  categories: CategoryKey[];
  /** the candidate's category in this dimension, or why they have none */
  place: (o: Outcome) => CategoryKey | 'declined' | 'unknown';
}

const DIMENSIONS: Dimension[] = [
  {
    name: 'sex',
    categories: SEX_CATEGORIES.map((sex) => ({ sex, raceEthnicity: null })),
    place: (o) =>
      o.sex === null ? 'unknown' : o.sex === DECLINE ? 'declined' : { sex: o.sex, raceEthnicity: null },
  },
  {
    name: 'race_ethnicity',
    categories: RACE_ETHNICITY_CATEGORIES.map((raceEthnicity) => ({ sex: null, raceEthnicity })),
    place: (o) =>
      o.raceEthnicity === null
        ? 'unknown'
        : o.raceEthnicity === DECLINE
          ? 'declined'
          : { sex: null, raceEthnicity: o.raceEthnicity },
  },
  {
    name: 'intersectional',
    categories: SEX_CATEGORIES.flatMap((sex) =>
      RACE_ETHNICITY_CATEGORIES.map((raceEthnicity) => ({ sex, raceEthnicity })),
    ),
    place: (o) => {
      if (o.sex === null || o.raceEthnicity === null) return 'unknown';
      if (o.sex === DECLINE || o.raceEthnicity === DECLINE) return 'declined';
      return { sex: o.sex, raceEthnicity: o.raceEthnicity };
    },
  },
];

const sameKey = (a: CategoryKey, b: CategoryKey) => a.sex === b.sex && a.raceEthnicity === b.raceEthnicity;

/** The highest of the rates given (null when none is known). */
function highest(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
}

/** rate / the reference; none when either is unknown or the reference is 0 (nobody got that far). */
function ratio(rate: number | null, reference: number | null): number | null {
  if (rate === null || reference === null || reference === 0) return null;
  return rate / reference;
}

function dimensionResult(d: Dimension, counted: Counted[], total: number): DimensionResult {
  const declined: Counted[] = [];
  const unknown: Counted[] = [];
  const members = d.categories.map(() => [] as Counted[]);
  for (const c of counted) {
    const place = d.place(c.outcome);
    if (place === 'declined') declined.push(c);
    else if (place === 'unknown') unknown.push(c);
    else members[d.categories.findIndex((k) => sameKey(k, place))]!.push(c);
  }
  const partial = d.categories.map((key, i) => {
    const r = rates(members[i]!);
    const share = total ? r.candidates / total : 0;
    return { ...key, ...r, share, excluded: r.candidates === 0 || share < SMALL_CATEGORY_SHARE };
  });
  const included = partial.filter((p) => !p.excluded);
  const highestSelectionRate = highest(included.map((p) => p.selectionRate));
  const highestScoringRate = highest(included.map((p) => p.scoringRate));
  const categories: CategoryResult[] = partial.map((p) => {
    const selectionImpactRatio = p.excluded ? null : ratio(p.selectionRate, highestSelectionRate);
    const scoringImpactRatio = p.excluded ? null : ratio(p.scoringRate, highestScoringRate);
    return {
      ...p,
      selectionImpactRatio,
      scoringImpactRatio,
      selectionFlagged: selectionImpactRatio !== null && selectionImpactRatio < IMPACT_RATIO_FLAG,
      scoringFlagged: scoringImpactRatio !== null && scoringImpactRatio < IMPACT_RATIO_FLAG,
    };
  });
  return {
    dimension: d.name,
    categories,
    declined: rates(declined),
    unknown: rates(unknown),
    highestSelectionRate,
    highestScoringRate,
  };
}

/** The whole report's numbers for the counted candidates (each candidate once). */
export function adverseImpact(outcomes: Outcome[]): AdverseImpact {
  const medianScore = median(outcomes.map((o) => o.overall));
  const counted: Counted[] = outcomes.map((outcome) => ({
    outcome,
    selected: SELECTED_RECOMMENDATIONS.includes(outcome.recommendation),
    above: medianScore !== null && outcome.overall > medianScore,
  }));
  return {
    ...rates(counted),
    medianScore,
    dimensions: DIMENSIONS.map((d) => dimensionResult(d, counted, counted.length)),
  };
}
