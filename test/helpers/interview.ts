import type { Harness, TestTenant } from './harness.ts';

export interface StartedInterview {
  interviewId: string;
  firstReply: string;
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
  state: any;
}

/** Start an interview over HTTP for a fresh candidate. */
export async function startInterview(
  h: Harness,
  t: TestTenant,
  body: Record<string, unknown> = {},
): Promise<StartedInterview> {
  const res = await h.request('POST', '/api/v1/interview/start', {
    token: t.token,
    body: {
      candidate: { name: 'Ada Lovelace', email: `ada-${Math.random().toString(36).slice(2)}@example.com` },
      role: 'backend-engineer',
      seed: 42,
      ...body,
    },
  });
  if (res.status !== 201) throw new Error(`start failed: ${res.status} ${res.text}`);
  return res.body;
}

/** Answer every question with `answerFor(questionText)` until the interview completes. */
export async function runInterview(
  h: Harness,
  t: TestTenant,
  interviewId: string,
  answerFor: (question: string, turn: number) => string,
) {
  // biome-ignore lint/suspicious/noExplicitAny: test responses are inspected loosely
  const responses: any[] = [];
  let state = (await h.request('GET', `/api/v1/interview/${interviewId}/state`, { token: t.token })).body;
  for (let guard = 0; state.status === 'in_progress' && guard < 40; guard++) {
    const q = state.currentQuestion;
    const res = await h.request('POST', `/api/v1/interview/${interviewId}/answer`, {
      token: t.token,
      body: { answerText: answerFor(q.text, q.turn), turn: q.turn },
    });
    if (res.status !== 200) throw new Error(`answer failed: ${res.status} ${res.text}`);
    responses.push(res.body);
    state = res.body.state;
  }
  return { responses, state };
}
