export {
  DECLINE,
  RACE_ETHNICITY_ANSWERS,
  RACE_ETHNICITY_CATEGORIES,
  type RaceEthnicity,
  type RaceEthnicityAnswer,
  SEX_ANSWERS,
  SEX_CATEGORIES,
  type Sex,
  type SexAnswer,
} from './categories.ts';
export { adverseImpactCsv, CSV_COLUMNS } from './csv.ts';
export { eraseSelfIdentifications } from './erase.ts';
export {
  type AdverseImpact,
  adverseImpact,
  type CategoryResult,
  type DimensionResult,
  IMPACT_RATIO_FLAG,
  median,
  type Outcome,
  type Rates,
  SELECTED_RECOMMENDATIONS,
  SMALL_CATEGORY_SHARE,
} from './impact.ts';
export { type AdverseImpactQuery, type AdverseImpactReport, adverseImpactReport } from './report.ts';
export { recordSelfIdentification, type SelfIdentification } from './self-identification.ts';
export { type ReportWindow, reportWindow } from './window.ts';
