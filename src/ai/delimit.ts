/**
 * Untrusted text (a candidate's answer; a bank's reference answer or a job description, passed as data too) travels to the model inside explicit tags, e.g.
 * <candidate_answer>…</candidate_answer>. Before wrapping, anything in the text that looks like
 * one of our delimiters is replaced by REMOVED_TAG, so an answer cannot close its own block and
 * pose as instructions. Look-alikes covered: any case, `_`/`-`/space/nothing between the words,
 * spaces inside the brackets, full-width and small-form brackets, and HTML entities for `<`/`>`.
 */

/** The tag names our prompts use around untrusted text. */
export const DELIMITER_TAGS = [
  'candidate_answer',
  'earlier_answers',
  'earlier_answer',
  'interview_exchanges',
  'interview_exchange',
  'interviewer_draft',
  'reference_answer',
  'job_description',
  'validation_problems',
] as const;
export type DelimiterTag = (typeof DELIMITER_TAGS)[number];

export const REMOVED_TAG = '[removed tag]';

const OPEN = String.raw`(?:<|\uFF1C|\uFE64|&lt;?|&#0*60;?|&#x0*3c;?)`;
const CLOSE = String.raw`(?:>|\uFF1E|\uFE65|&gt;?|&#0*62;?|&#x0*3e;?)`;
const NAMES = [...DELIMITER_TAGS]
  .sort((a, b) => b.length - a.length)
  .map((tag) => tag.split('_').join(String.raw`[\s_-]*`))
  .join('|');
/** `<`, optional `/`, a delimiter name as a whole word, then up to a `>` on the same line (if any). */
const LOOK_ALIKE = new RegExp(
  String.raw`${OPEN}\s*[/\\]?\s*(?:${NAMES})(?![\p{L}\p{N}])(?:[^<>\uFF1C\uFF1E\n]{0,200}?${CLOSE})?`,
  'giu',
);

/** Replace every delimiter look-alike in untrusted text with REMOVED_TAG. */
export function neutralizeDelimiters(text: string): string {
  return text.replace(LOOK_ALIKE, REMOVED_TAG);
}

/** `<tag>\n{neutralised text}\n</tag>`: the only way untrusted text enters a prompt. */
export function delimit(tag: DelimiterTag, text: string): string {
  return `<${tag}>\n${neutralizeDelimiters(text)}\n</${tag}>`;
}
