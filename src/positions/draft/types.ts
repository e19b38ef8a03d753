import type { Phase } from '../../plugins/index.ts';
import type { PositionDesign } from '../design.ts';

/**
 * A drafted interview design and why each question is in it: what a recruiter reviews before
 * saving a position. Drafts are proposals only; nothing is stored until the design is saved.
 */

export interface DraftPick {
  /** how the design refers to the question: `<pluginId>/<questionId>` for a bank's, the id for an own one */
  ref: string;
  /** the bank the question comes from; null for the tenant's own question (an LLM draft) */
  pluginId: string | null;
  questionId: string;
  phase: Phase;
  text: string;
  /** competency names */
  competencies: string[];
  /** how closely it matches the job description (bank drafts; 0 for LLM drafts): only for ordering */
  score: number;
  /** in plain words, why it was picked */
  why: string;
}

export interface Draft {
  source: 'banks' | 'llm';
  /** parsed with PositionDesign, so defaults are filled */
  design: PositionDesign;
  picks: DraftPick[];
  /** what the recruiter should know: phases short of questions, banks left out, the model used */
  notes: string[];
}
