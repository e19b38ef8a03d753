import { type FormEvent, useId, useState } from 'react';
import { errorMessage, request } from '../api.ts';
import { type SelfIdentificationTarget, withCandidateToken } from './SelfIdentificationForm.tsx';

interface ReviewRequest {
  requestedAt: string;
  status: 'open' | 'resolved';
}

/**
 * "Request a human review or another way to be assessed": the candidate's right not to be judged
 * by the AI alone. Recorded with the interview; the company's recruiters see it on the interview
 * and its report, which stays marked until a person has dealt with it.
 */
export function HumanReviewRequest({
  target,
  linkToken,
}: {
  target: SelfIdentificationTarget | null;
  linkToken: string;
}) {
  const ids = useId();
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState<ReviewRequest | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (sent)
    return (
      <p className="review-result" role="status" data-testid="review-request-result">
        Your request for a human review was recorded on {new Date(sent.requestedAt).toLocaleDateString()}. A
        person at the company will look at your interview and contact you.
      </p>
    );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSending(true);
    setError(null);
    const body = message.trim() ? { message: message.trim() } : {};
    const send = (to: SelfIdentificationTarget) =>
      request<ReviewRequest>('POST', `/interview/${encodeURIComponent(to.interviewId)}/review-request`, {
        token: to.candidateToken,
        body,
      });
    try {
      setSent(await withCandidateToken(target, linkToken, send));
    } catch (err) {
      setError(err);
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="review-request" aria-labelledby={`${ids}-heading`} data-testid="review-request">
      <h2 id={`${ids}-heading`}>Would you rather a person assessed you?</h2>
      <p>
        You can ask for a human review of this interview, or for another way to be assessed. Asking has no
        effect on your application other than that a person looks at it.
      </p>
      <form onSubmit={submit}>
        <label htmlFor={`${ids}-message`}>What would you like? (optional)</label>
        <textarea
          id={`${ids}-message`}
          maxLength={2000}
          rows={3}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
        />
        {error ? (
          <p className="error" role="alert">
            {errorMessage(error)}
          </p>
        ) : null}
        <button type="submit" className="brand-button" disabled={sending}>
          {sending ? 'Sending…' : 'Request a human review'}
        </button>
      </form>
    </section>
  );
}
