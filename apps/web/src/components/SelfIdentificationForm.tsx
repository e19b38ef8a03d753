import { type FormEvent, useId, useState } from 'react';
import { ApiError, api, errorMessage, request } from '../api.ts';
import type { components } from '../api-types.ts';

type Answer = components['schemas']['SelfIdentification'];
type Sex = Answer['sex'];
type RaceEthnicity = Answer['raceEthnicity'];

const SEX: [Sex, string][] = [
  ['female', 'Female'],
  ['male', 'Male'],
  ['decline', 'I decline to answer'],
];

const RACE_ETHNICITY: [RaceEthnicity, string][] = [
  ['hispanic_or_latino', 'Hispanic or Latino'],
  ['white', 'White (not Hispanic or Latino)'],
  ['black_or_african_american', 'Black or African American (not Hispanic or Latino)'],
  [
    'native_hawaiian_or_pacific_islander',
    'Native Hawaiian or Other Pacific Islander (not Hispanic or Latino)',
  ],
  ['asian', 'Asian (not Hispanic or Latino)'],
  ['native_american_or_alaska_native', 'American Indian or Alaska Native (not Hispanic or Latino)'],
  ['two_or_more_races', 'Two or more races (not Hispanic or Latino)'],
  ['decline', 'I decline to answer'],
];

/** The interview and the candidate token to answer for it (a completed link mints a fresh one). */
export interface SelfIdentificationTarget {
  interviewId: string;
  candidateToken: string;
}

/**
 * Call `send` for the candidate's interview after it ended: with the token the page holds, or a
 * fresh one from the link when it holds none or the one it kept has expired (401).
 */
export async function withCandidateToken<T>(
  target: SelfIdentificationTarget | null,
  linkToken: string,
  send: (to: SelfIdentificationTarget) => Promise<T>,
): Promise<T> {
  try {
    return await send(target ?? (await api.joinStart(linkToken)));
  } catch (err) {
    if (!(target && err instanceof ApiError && err.status === 401)) throw err;
    return send(await api.joinStart(linkToken));
  }
}

/**
 * The optional, voluntary self-identification after the interview (EEO-1 categories as NYC Local
 * Law 144 uses them). Nothing is preselected; skipping stores nothing; a question left unanswered
 * is sent as "decline to answer". The answers are stored apart and used only in totals.
 */
export function SelfIdentificationForm({
  target,
  linkToken,
}: {
  /** null when the page has no candidate token yet (a reload of a completed link) */
  target: SelfIdentificationTarget | null;
  linkToken: string;
}) {
  const ids = useId();
  const [sex, setSex] = useState<Sex | null>(null);
  const [race, setRace] = useState<RaceEthnicity | null>(null);
  const [state, setState] = useState<'open' | 'sending' | 'sent' | 'skipped'>('open');
  const [error, setError] = useState<unknown>(null);

  if (state === 'sent' || state === 'skipped') {
    return (
      <p className="self-id-result" role="status" data-testid="self-id-result">
        {state === 'sent'
          ? 'Thank you. Your answers were recorded separately from your interview.'
          : 'Skipped: nothing was recorded.'}
      </p>
    );
  }

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setState('sending');
    setError(null);
    try {
      const body: Answer = { sex: sex ?? 'decline', raceEthnicity: race ?? 'decline' };
      const send = (to: SelfIdentificationTarget) =>
        request<void>(
          'POST',
          `/public/interviews/${encodeURIComponent(to.interviewId)}/self-identification`,
          {
            token: to.candidateToken,
            body,
          },
        );
      await withCandidateToken(target, linkToken, send);
      setState('sent');
    } catch (err) {
      setError(err);
      setState('open');
    }
  };

  return (
    <section className="self-id" aria-labelledby={`${ids}-heading`} data-testid="self-identification">
      <h2 id={`${ids}-heading`}>Optional: voluntary self-identification</h2>
      <p>
        We check that our hiring process, including this AI interview, treats everyone fairly. You can help by
        telling us your sex and race/ethnicity. <strong>Answering is entirely voluntary</strong>: declining or
        skipping has no effect on your application.
      </p>
      <p className="hint">
        Your answers are stored apart from your interview. They are never shown to the AI interviewer or to
        the people who review your interview, and are used only in totals (as New York City's Local Law 144
        asks of automated hiring tools).
      </p>
      <form onSubmit={submit}>
        <fieldset>
          <legend>Sex</legend>
          {SEX.map(([value, label]) => (
            <div className="radio" key={value}>
              <input
                type="radio"
                id={`${ids}-sex-${value}`}
                name={`${ids}-sex`}
                value={value}
                checked={sex === value}
                onChange={() => setSex(value)}
              />
              <label htmlFor={`${ids}-sex-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Race/ethnicity</legend>
          {RACE_ETHNICITY.map(([value, label]) => (
            <div className="radio" key={value}>
              <input
                type="radio"
                id={`${ids}-race-${value}`}
                name={`${ids}-race`}
                value={value}
                checked={race === value}
                onChange={() => setRace(value)}
              />
              <label htmlFor={`${ids}-race-${value}`}>{label}</label>
            </div>
          ))}
        </fieldset>
        <p className="hint" id={`${ids}-hint`}>
          A question you leave unanswered is recorded as “I decline to answer”.
        </p>
        {error ? (
          <p className="alert error" role="alert">
            {errorMessage(error, 'candidate')}
          </p>
        ) : null}
        <div className="self-id-actions">
          <button
            type="submit"
            className="brand-button"
            disabled={state === 'sending' || (sex === null && race === null)}
            aria-describedby={`${ids}-hint`}
          >
            {state === 'sending' ? 'Sending…' : 'Submit my answers'}
          </button>
          <button
            type="button"
            className="button secondary"
            disabled={state === 'sending'}
            onClick={() => setState('skipped')}
          >
            Skip
          </button>
        </div>
      </form>
    </section>
  );
}
