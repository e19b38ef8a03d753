/**
 * The voluntary self-identification categories: EEO-1's, as NYC Local Law 144's bias-audit rules
 * use them (sex; race/ethnicity; and their intersections). `decline` is "decline to answer". The
 * database's check constraints hold the same lists (Migration20261206420000_self_identification).
 */

export const SEX_CATEGORIES = ['male', 'female'] as const;
export const RACE_ETHNICITY_CATEGORIES = [
  'hispanic_or_latino',
  'white',
  'black_or_african_american',
  'native_hawaiian_or_pacific_islander',
  'asian',
  'native_american_or_alaska_native',
  'two_or_more_races',
] as const;

export const DECLINE = 'decline';

/** What a candidate may answer: a category, or decline to answer. */
export const SEX_ANSWERS = [...SEX_CATEGORIES, DECLINE] as const;
export const RACE_ETHNICITY_ANSWERS = [...RACE_ETHNICITY_CATEGORIES, DECLINE] as const;

export type Sex = (typeof SEX_CATEGORIES)[number];
export type RaceEthnicity = (typeof RACE_ETHNICITY_CATEGORIES)[number];
export type SexAnswer = (typeof SEX_ANSWERS)[number];
export type RaceEthnicityAnswer = (typeof RACE_ETHNICITY_ANSWERS)[number];
