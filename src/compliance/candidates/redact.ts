/**
 * De-identification: what erasure writes over a candidate's personal data in the rows it keeps.
 * Free text the candidate wrote (answers) and text derived from it (evidence quotes, rationales,
 * summaries) is replaced whole; text others wrote about the candidate (the interviewer's replies,
 * recruiters' override reasons) keeps its words but loses every string that identifies them.
 */

/** What erasure writes where a candidate's text was. */
export const ERASED = '[erased]';

export interface CandidateIdentity {
  name: string;
  email: string;
  externalId: string | null;
}

interface Needle {
  text: string;
  /** short name parts match only as written ("Al", not "al"), so common words survive */
  caseSensitive: boolean;
}

/** The email an erased candidate keeps: unique per tenant (the column is), and no one's. */
export const erasedEmail = (candidateId: string) => `${candidateId}@erased.invalid`;

/**
 * The strings that identify a candidate in free text, longest first: the full name, each part of
 * it (the interviewer greets by first name), the email and its local part, the external id.
 */
export function identifyingStrings(c: CandidateIdentity): Needle[] {
  const out = new Map<string, Needle>();
  const add = (text: string | null | undefined, caseSensitive = false) => {
    const t = text?.trim();
    if (!t || t === ERASED) return;
    const key = caseSensitive ? t : t.toLowerCase();
    if (!out.has(key)) out.set(key, { text: t, caseSensitive });
  };
  add(c.name);
  for (const part of c.name.split(/[\s,]+/)) {
    if (part.length >= 4) add(part);
    else if (part.length >= 2) add(part, true);
  }
  add(c.email);
  const local = c.email.split('@')[0];
  if (local && local.length >= 3) add(local);
  add(c.externalId, true);
  return [...out.values()].sort((a, b) => b.text.length - a.text.length);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `text` with every identifying string (as a whole word) replaced by ERASED. */
export function redactText(text: string, needles: readonly Needle[]): string {
  let out = text;
  for (const n of needles) {
    const pattern = new RegExp(
      `(?<![\\p{L}\\p{N}])${escapeRegExp(n.text)}(?![\\p{L}\\p{N}])`,
      n.caseSensitive ? 'gu' : 'giu',
    );
    out = out.replace(pattern, ERASED);
  }
  return out;
}

/** The same for a nullable column. */
export const redactNullable = (text: string | null, needles: readonly Needle[]) =>
  text === null ? null : redactText(text, needles);

/** Every string inside a JSON value redacted; fields that name the candidate are replaced whole. */
export function redactJson(value: unknown, needles: readonly Needle[]): unknown {
  if (typeof value === 'string') return redactText(value, needles);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, needles));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = CANDIDATE_FIELDS.has(k) && typeof v === 'string' ? ERASED : redactJson(v, needles);
    }
    return out;
  }
  return value;
}

/** Payload fields (webhooks) that carry the candidate's own identifiers. */
const CANDIDATE_FIELDS = new Set(['candidateEmail', 'candidateName', 'candidateExternalId']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const mapArray = (v: unknown, f: (x: Json) => Json) =>
  Array.isArray(v) ? v.map((x) => (isObject(x) ? f(x) : x)) : v;

/**
 * A stored evaluation without anything taken from the answer: scores, levels, rubric, evaluator
 * and which points were covered stay; quotes, rationales (they cite the answer's words), the
 * summary, red-flag details and the reason an answer was unscorable go.
 */
export function deidentifyEvaluation(result: unknown): unknown {
  if (!isObject(result)) return result;
  return {
    ...result,
    ...('summary' in result ? { summary: ERASED } : {}),
    criteria: mapArray(result['criteria'], (c) => ({ ...c, rationale: ERASED, evidence: [] })),
    coverage: mapArray(result['coverage'], (p) => ({ ...p, evidence: null })),
    redFlags: mapArray(result['redFlags'], (f) => ({ ...f, detail: ERASED, evidence: null })),
    ...(isObject(result['unscorable']) ? { unscorable: { reason: ERASED } } : {}),
  };
}

/**
 * A stored report without the candidate: the transcript's answers, the quoted evidence, red-flag
 * details and review reasons go; scores, recommendation, coverage and the questions stay; the
 * recruiters' override reasons (also inside strength and concern summaries) and a reviewer's note
 * lose the candidate's identifiers.
 */
export function deidentifyReport(report: unknown, needles: readonly Needle[]): unknown {
  if (!isObject(report)) return report;
  const override = (o: unknown) =>
    isObject(o) && typeof o['reason'] === 'string' ? { ...o, reason: redactText(o['reason'], needles) } : o;
  const finding = (f: Json) => ({
    ...f,
    ...(typeof f['summary'] === 'string' ? { summary: redactText(f['summary'], needles) } : {}),
    evidence: [],
  });
  const overall = report['overall'];
  const review = report['humanReview'];
  return {
    ...report,
    ...(isObject(review) && typeof review['resolutionNote'] === 'string'
      ? { humanReview: { ...review, resolutionNote: redactText(review['resolutionNote'], needles) } }
      : {}),
    ...(isObject(overall) ? { overall: { ...overall, override: override(overall['override']) } } : {}),
    competencies: mapArray(report['competencies'], (c) => ({ ...c, override: override(c['override']) })),
    strengths: mapArray(report['strengths'], finding),
    concerns: mapArray(report['concerns'], finding),
    redFlags: mapArray(report['redFlags'], (f) => ({ ...f, detail: ERASED, evidence: null })),
    review: mapArray(report['review'], (r) => ({ ...r, reason: ERASED })),
    transcript: mapArray(report['transcript'], (t) => ({
      ...t,
      answer: t['answer'] === null ? null : ERASED,
    })),
  };
}
