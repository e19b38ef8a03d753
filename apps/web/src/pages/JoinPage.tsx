import {
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react';
import {
  ApiError,
  api,
  type Branding,
  errorMessage,
  formatDate,
  type InterviewState,
  type JoinInfo,
  PHASE_LABELS,
  randomId,
} from '../api.ts';
import { brandStyle } from '../color.ts';
import { BrandHeader } from '../components/BrandHeader.tsx';
import { HumanReviewRequest } from '../components/HumanReviewRequest.tsx';
import { SelfIdentificationForm } from '../components/SelfIdentificationForm.tsx';
import '../styles/candidate.css';

interface Message {
  id: string;
  from: 'interviewer' | 'candidate';
  text: string;
}

interface Stored {
  interviewId: string;
  candidateToken: string;
  messages: Message[];
}

const storageKey = (token: string) => `aii.join.${token}`;

function loadStored(token: string): Stored | null {
  try {
    const raw = sessionStorage.getItem(storageKey(token));
    if (!raw) return null;
    const v = JSON.parse(raw) as Stored;
    return typeof v.interviewId === 'string' &&
      typeof v.candidateToken === 'string' &&
      Array.isArray(v.messages)
      ? v
      : null;
  } catch {
    return null;
  }
}

function saveStored(token: string, value: Stored) {
  try {
    sessionStorage.setItem(storageKey(token), JSON.stringify(value));
  } catch {
    // storage full or disabled: the interview still works, a reload just starts from the server's state
  }
}

type View =
  | { kind: 'loading' }
  | {
      kind: 'invalid';
      reason: 'expired' | 'not_found' | 'cancelled' | 'closed' | 'paused' | 'error';
      detail?: string;
    }
  | { kind: 'welcome' }
  | { kind: 'interview' }
  | { kind: 'done'; closing: string | null };

const NEUTRAL: Branding = { displayName: null, logoUrl: null, primaryColor: null, welcomeMessage: null };

/** Pick branding out of a problem body when the server includes it (e.g. an expired link). */
function brandingFrom(err: unknown): Branding | null {
  if (!(err instanceof ApiError)) return null;
  const b = err.body['branding'];
  return b && typeof b === 'object' ? { ...NEUTRAL, ...(b as Partial<Branding>) } : null;
}

/** 410 link_gone says why the link is gone (expired, cancelled, position closed); anything else is not a valid link. */
function goneReason(err: ApiError): 'expired' | 'cancelled' | 'closed' | 'not_found' {
  if (err.status !== 410) return 'not_found';
  const status = err.body['linkStatus'];
  return status === 'cancelled' || status === 'closed' ? status : 'expired';
}

/** The candidate's interview page at /join/<token>. */
export default function JoinPage({ token }: { token: string }) {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [info, setInfo] = useState<JoinInfo | null>(null);
  const [branding, setBranding] = useState<Branding | null>(null);
  const [session, setSession] = useState<Stored | null>(null);
  const [state, setState] = useState<InterviewState | null>(null);
  const [startError, setStartError] = useState<unknown>(null);
  const [starting, setStarting] = useState(false);

  const name = branding?.displayName || 'Your interview';
  useEffect(() => {
    document.title = view.kind === 'invalid' ? 'Interview link' : `${name} · Interview`;
  }, [name, view.kind]);

  /**
   * Start, or resume a started interview (a fresh candidate token every time). The conversation
   * comes from the server, so a resume on another device or after a reload shows all of it.
   */
  const start = useCallback(async (): Promise<InterviewState | null> => {
    setStarting(true);
    setStartError(null);
    try {
      const res = await api.joinStart(token);
      const messages: Message[] = res.conversation.map((m, i) => ({ id: `${res.interviewId}:${i}`, ...m }));
      const next: Stored = { interviewId: res.interviewId, candidateToken: res.candidateToken, messages };
      saveStored(token, next);
      setSession(next);
      setState(res.state);
      setView(res.state.status === 'in_progress' ? { kind: 'interview' } : { kind: 'done', closing: null });
      return res.state;
    } catch (err) {
      if (err instanceof ApiError && (err.status === 410 || err.status === 404)) {
        setView({ kind: 'invalid', reason: goneReason(err) });
      } else if (err instanceof ApiError && err.status === 402) {
        // the company's plan allows no new interview now: a clear page, never a broken interview
        setView({ kind: 'invalid', reason: 'paused' });
      } else if (err instanceof ApiError && err.code === 'interview_not_active') {
        setView({ kind: 'done', closing: null });
      } else {
        setStartError(err);
        setView({ kind: 'welcome' });
      }
      return null;
    } finally {
      setStarting(false);
    }
  }, [token]);

  useEffect(() => {
    let live = true;
    api.joinInfo(token).then(
      (i) => {
        if (!live) return;
        setInfo(i);
        setBranding(i.branding);
        if (i.status === 'expired') setView({ kind: 'invalid', reason: 'expired' });
        else if (i.status === 'cancelled') setView({ kind: 'invalid', reason: 'cancelled' });
        else if (i.status === 'completed') setView({ kind: 'done', closing: null });
        else {
          const stored = loadStored(token);
          if (stored && i.status === 'started') void start();
          else setView({ kind: 'welcome' });
        }
      },
      (err) => {
        if (!live) return;
        setBranding(brandingFrom(err));
        if (err instanceof ApiError && (err.status === 410 || err.status === 404 || err.status === 400))
          setView({ kind: 'invalid', reason: goneReason(err) });
        else setView({ kind: 'invalid', reason: 'error', detail: errorMessage(err, 'candidate') });
      },
    );
    return () => {
      live = false;
    };
  }, [token, start]);

  const update = (s: Stored, st: InterviewState) => {
    saveStored(token, s);
    setSession(s);
    setState(st);
  };

  return (
    <div className="candidate-page" style={brandStyle(branding?.primaryColor)}>
      {branding ? <BrandHeader branding={branding} /> : <div className="brand-header neutral" />}
      <main className="candidate-main" id="main">
        {view.kind === 'loading' ? (
          <p role="status" className="candidate-status">
            Loading your interview…
          </p>
        ) : null}
        {view.kind === 'invalid' ? <InvalidLink reason={view.reason} detail={view.detail} /> : null}
        {view.kind === 'welcome' && info ? (
          <Welcome
            info={info}
            resuming={info.status === 'started'}
            starting={starting}
            error={startError}
            onStart={() => void start()}
          />
        ) : null}
        {view.kind === 'interview' && session && state ? (
          <Chat
            session={session}
            state={state}
            onUpdate={update}
            onDone={(closing) => setView({ kind: 'done', closing })}
            onResync={() => start()}
          />
        ) : null}
        {view.kind === 'done' ? (
          <Done closing={view.closing}>
            <HumanReviewRequest target={session ?? loadStored(token)} linkToken={token} />
            <SelfIdentificationForm target={session ?? loadStored(token)} linkToken={token} />
          </Done>
        ) : null}
      </main>
    </div>
  );
}

function InvalidLink({
  reason,
  detail,
}: {
  reason: 'expired' | 'not_found' | 'cancelled' | 'closed' | 'paused' | 'error';
  detail?: string | undefined;
}) {
  const text = {
    expired: {
      title: 'This link has expired',
      body: 'The time to take this interview has passed. If you still want to interview, please contact the recruiter who sent you the link and ask for a new one.',
    },
    not_found: {
      title: 'This link is not valid',
      body: 'Please check that you copied the whole link from your invitation. If it still does not work, contact the recruiter who sent it.',
    },
    cancelled: {
      title: 'This interview was cancelled',
      body: 'The recruiter cancelled this interview. Please contact them if you have questions.',
    },
    paused: {
      title: 'This interview cannot start right now',
      body: 'The company cannot start new interviews at the moment. Nothing is lost: please contact the recruiter who sent you the link, and try again later.',
    },
    closed: {
      title: 'This position is no longer open',
      body: 'The company has closed this position, so the interview is not needed any more. Thank you for your interest; please contact the recruiter if you have questions.',
    },
    error: {
      title: 'We could not load your interview',
      body: detail ? `${detail} Please try again in a moment.` : 'Please try again in a moment.',
    },
  }[reason];
  return (
    <section className="panel" aria-labelledby="invalid-heading">
      <h1 id="invalid-heading" tabIndex={-1}>
        {text.title}
      </h1>
      <p>{text.body}</p>
      {reason === 'error' ? (
        <button type="button" className="brand-button" onClick={() => window.location.reload()}>
          Try again
        </button>
      ) : null}
    </section>
  );
}

function Welcome({
  info,
  resuming,
  starting,
  error,
  onStart,
}: {
  info: JoinInfo;
  resuming: boolean;
  starting: boolean;
  error: unknown;
  onStart: () => void;
}) {
  const [consent, setConsent] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (consent && !starting) onStart();
  };
  return (
    <section className="panel" aria-labelledby="welcome-heading">
      <h1 id="welcome-heading">Interview for {info.role.title}</h1>
      {info.branding.welcomeMessage ? <p className="welcome">{info.branding.welcomeMessage}</p> : null}
      <dl className="facts">
        <div>
          <dt>Scheduled</dt>
          <dd>{formatDate(info.scheduledAt)}</dd>
        </div>
        <div>
          <dt>Link valid until</dt>
          <dd>{formatDate(info.expiresAt)}</dd>
        </div>
      </dl>
      <section className="notice" aria-labelledby="notice-heading">
        <h2 id="notice-heading">An AI conducts and scores this interview</h2>
        <p className="notice-text">{info.aiNotice}</p>
        <p>
          Answer in your own words, by typing or (where your browser supports it) by speaking. Take your time:
          there is no timer you have to beat.
        </p>
      </section>
      <form onSubmit={submit} className="consent-form">
        <div className="check">
          <input
            id="consent"
            type="checkbox"
            checked={consent}
            onChange={(e) => setConsent(e.target.checked)}
          />
          <label htmlFor="consent">
            I have read the notice above. I understand that an AI asks the questions and scores my answers,
            and I agree to my answers being processed as described.
          </label>
        </div>
        {error ? (
          <p className="alert error" role="alert">
            {errorMessage(error, 'candidate')}
          </p>
        ) : null}
        <button
          type="submit"
          className="brand-button"
          disabled={!consent || starting}
          aria-describedby="start-hint"
        >
          {starting ? 'Starting…' : resuming ? 'Continue the interview' : 'Start the interview'}
        </button>
        <p id="start-hint" className="hint">
          {consent ? 'Ready when you are.' : 'Tick the box above to start.'}
        </p>
      </form>
    </section>
  );
}

// The Web Speech API is not in TypeScript's DOM library everywhere; this is the part used here.
interface Recognition {
  continuous: boolean;
  interimResults: boolean;
  lang: string;
  start(): void;
  stop(): void;
  onresult:
    | ((e: {
        resultIndex: number;
        results: ArrayLike<{ isFinal: boolean; 0: { transcript: string } }>;
      }) => void)
    | null;
  onerror: ((e: { error: string }) => void) | null;
  onend: (() => void) | null;
}
type RecognitionCtor = new () => Recognition;

function recognitionCtor(): RecognitionCtor | null {
  const w = window as unknown as {
    SpeechRecognition?: RecognitionCtor;
    webkitSpeechRecognition?: RecognitionCtor;
  };
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null;
}

/**
 * The interviewer's next reply as the model writes it (`interview.reply.delta` on the candidate's
 * socket), while the answer to `answering` is being processed; null when nothing has come yet.
 * Socket.IO is loaded once the chat is open: with an LLM configured the reply streams over it.
 */
function useStreamedReply(token: string, answering: number | null): string | null {
  const [reply, setReply] = useState<{ turn: number; text: string } | null>(null);
  const awaited = useRef<number | null>(null);
  awaited.current = answering === null ? null : answering + 1;
  useEffect(() => {
    let stop = () => {};
    let cancelled = false;
    import('../socket.ts')
      .then((live) => {
        if (cancelled) return;
        stop = live.subscribeLive({
          token,
          onStatus: () => undefined,
          onEvent: (name, p) => {
            if (name !== 'interview.reply.delta' || p.turn !== awaited.current || p.text === undefined)
              return;
            const { turn, text, seq, restart } = p as {
              turn: number;
              text: string;
              seq: number;
              restart?: boolean;
            };
            // seq 0 starts a reply (a re-run of the turn streams it again); restart starts it over
            setReply((prev) =>
              restart || seq === 0 || prev?.turn !== turn ? { turn, text } : { turn, text: prev.text + text },
            );
          },
        });
      })
      .catch(() => undefined); // no stream: the typing dots until the reply comes
    return () => {
      cancelled = true;
      stop();
    };
  }, [token]);
  return answering !== null && reply?.turn === answering + 1 ? reply.text : null;
}

const isMac =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent);

function Chat({
  session,
  state,
  onUpdate,
  onDone,
  onResync,
}: {
  session: Stored;
  state: InterviewState;
  onUpdate: (s: Stored, st: InterviewState) => void;
  onDone: (closing: string | null) => void;
  onResync: () => Promise<InterviewState | null>;
}) {
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const textarea = useRef<HTMLTextAreaElement>(null);
  const lastRef = useRef<HTMLLIElement>(null);
  const pending = useRef<{ text: string; turn: number; key: string } | null>(null);
  const ids = useId();
  const streamed = useStreamedReply(session.candidateToken, sending ? state.turn : null);

  const messages = session.messages;
  const lastInterviewer = [...messages].reverse().find((m) => m.from === 'interviewer');
  // Resumed while the last answer is still being evaluated: wait for the reply, as after a 202.
  const awaitingReply = !sending && state.status === 'in_progress' && messages.at(-1)?.from === 'candidate';
  // biome-ignore lint/correctness/useExhaustiveDependencies: starts once per awaited turn
  useEffect(() => {
    if (awaitingReply && state.turn !== null) void waitForNextTurn(state.turn);
  }, [awaitingReply, state.turn]);

  useEffect(() => {
    if (lastInterviewer) setAnnounce(`Interviewer: ${lastInterviewer.text}`);
  }, [lastInterviewer]);

  // After each reply: show it and put the cursor back in the answer box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when a message is added
  useEffect(() => {
    lastRef.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    if (!sending) textarea.current?.focus({ preventScroll: true });
  }, [messages.length, sending]);

  const send = async () => {
    const text = draft.trim();
    const turn = state.turn;
    if (!text || sending || turn === null) return;
    if (!pending.current || pending.current.text !== text || pending.current.turn !== turn) {
      pending.current = { text, turn, key: randomId() };
    }
    const key = pending.current.key;
    setSending(true);
    setError(null);
    const withAnswer: Stored = {
      ...session,
      messages: [...messages, { id: key, from: 'candidate', text }],
    };
    onUpdate(withAnswer, state);
    setDraft('');
    try {
      const res = await api.candidateAnswer(
        session.interviewId,
        session.candidateToken,
        { answerText: text, turn },
        key,
      );
      pending.current = null;
      if ('nextReply' in res) {
        const next: Stored = {
          ...withAnswer,
          messages: [...withAnswer.messages, { id: randomId(), from: 'interviewer', text: res.nextReply }],
        };
        onUpdate(next, res.state);
        if (res.state.status !== 'in_progress') onDone(res.nextReply);
      } else {
        await waitForNextTurn(turn);
      }
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'turn_mismatch' || err.code === 'interview_not_active')) {
        pending.current = null;
        await onResync();
      } else {
        // Put the answer back so nothing typed is lost; sending again reuses the same idempotency key.
        onUpdate({ ...session, messages }, state);
        setDraft(text);
        setError(
          err instanceof ApiError && err.status === 401
            ? 'Your session has expired. Reload the page to continue where you left off.'
            : `Your answer was not sent: ${errorMessage(err, 'candidate')}`,
        );
      }
    } finally {
      setSending(false);
    }
  };

  /**
   * Accepted for evaluation (202): wait until the interview moves on, then resume to get the reply.
   * The candidate's socket is in its interview's room, so the next turn or the end arrives as an
   * event; the state is read once the socket is live (the move may have come first). Only while the
   * socket cannot connect is the state polled, every 2 s. Socket.IO is loaded here, the first
   * time it is needed: most answers are answered at once, and the page stays small.
   */
  const waitForNextTurn = async (turn: number) => {
    // the answer is stored whatever happens here: a chunk that cannot load means polling
    const live = await import('../socket.ts').catch(() => undefined);
    return new Promise<void>((resolve) => {
      let settled = false;
      let polling: number | undefined;
      const finish = (moved: boolean) => {
        if (settled) return;
        settled = true;
        window.clearTimeout(deadline);
        window.clearInterval(polling);
        unsubscribe();
        if (moved) void onResync().then(() => resolve());
        else {
          setError('The interviewer is taking longer than usual. Reload the page in a moment to continue.');
          resolve();
        }
      };
      /** whether the interview has moved past `turn` (an error counts: resuming renews the token) */
      const check = async () => {
        try {
          const st = await api.candidateState(session.interviewId, session.candidateToken);
          if (st.turn !== turn || st.status !== 'in_progress') finish(true);
        } catch {
          finish(true);
        }
      };
      const deadline = window.setTimeout(() => finish(false), 180_000);
      const poll = () => {
        polling ??= window.setInterval(() => void check(), 2000);
      };
      const unsubscribe = live
        ? live.subscribeLive({
            token: session.candidateToken,
            onEvent: (name, payload) => {
              if (
                name === 'interview.completed' ||
                (name === 'interview.turn' && (payload.turn ?? 0) > turn)
              ) {
                finish(true);
              }
            },
            onStatus: (status) => {
              if (status === 'live') {
                window.clearInterval(polling);
                polling = undefined;
                void check();
              } else if (status === 'offline') {
                poll();
              }
            },
          })
        : () => undefined;
      if (!live) poll();
    });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void send();
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };

  const current = Math.min(state.answered + 1, state.totalTurns);
  const pct = state.totalTurns > 0 ? Math.round((state.answered / state.totalTurns) * 100) : 0;
  const phase = state.phase ? PHASE_LABELS[state.phase] : null;

  return (
    <section className="chat" aria-labelledby={`${ids}-heading`}>
      <h1 id={`${ids}-heading`} className="sr-only">
        Interview for {state.role.title}
      </h1>
      <div className="chat-progress">
        <p>
          <strong>
            Question {current} of {state.totalTurns}
          </strong>
          {phase ? <span className="phase"> · {phase}</span> : null}
        </p>
        <div
          className="progress"
          role="progressbar"
          aria-label="Interview progress"
          aria-valuemin={0}
          aria-valuemax={state.totalTurns}
          aria-valuenow={state.answered}
          aria-valuetext={`${state.answered} of ${state.totalTurns} questions answered${phase ? `, ${phase} phase` : ''}`}
        >
          <span style={{ width: `${pct}%` }} />
        </div>
      </div>
      <ol className="messages" aria-label="Conversation">
        {messages.map((m, i) => (
          <li key={m.id} className={`bubble ${m.from}`} ref={i === messages.length - 1 ? lastRef : undefined}>
            <span className="sr-only">{m.from === 'interviewer' ? 'Interviewer: ' : 'You: '}</span>
            {m.text}
          </li>
        ))}
        {(sending || awaitingReply) && streamed ? (
          // the reply as it is written; the whole one replaces it (and is announced) when it arrives
          <li className="bubble interviewer" aria-hidden="true">
            {streamed}
          </li>
        ) : sending || awaitingReply ? (
          <li className="bubble interviewer typing" aria-hidden="true">
            <span />
            <span />
            <span />
          </li>
        ) : null}
      </ol>
      <div className="sr-only" aria-live="polite" aria-atomic="true">
        {announce}
      </div>
      <form className="composer" onSubmit={submit}>
        <label htmlFor={`${ids}-answer`}>Your answer</label>
        <textarea
          id={`${ids}-answer`}
          ref={textarea}
          rows={4}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={onKeyDown}
          aria-describedby={`${ids}-keys${error ? ` ${ids}-error` : ''}`}
          aria-invalid={error ? true : undefined}
          maxLength={20000}
        />
        {error ? (
          <p id={`${ids}-error`} className="alert error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="composer-actions">
          <VoiceInput onText={(t) => setDraft((d) => (d && !/\s$/.test(d) ? `${d} ${t}` : `${d}${t}`))} />
          <button type="submit" className="brand-button" disabled={sending || awaitingReply || !draft.trim()}>
            {sending ? 'Sending…' : 'Send'}
          </button>
        </div>
        <p id={`${ids}-keys`} className="hint">
          Enter adds a new line; {isMac ? '⌘' : 'Ctrl'}+Enter sends.
          {state.currentQuestion?.timeLimitSec
            ? ` Take about ${Math.round(state.currentQuestion.timeLimitSec / 60)} min for this answer.`
            : ''}
        </p>
      </form>
    </section>
  );
}

/** A microphone toggle that appends what is said to the answer; absent where unsupported. */
function VoiceInput({ onText }: { onText: (text: string) => void }) {
  const [Ctor] = useState(recognitionCtor);
  const [on, setOn] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const rec = useRef<Recognition | null>(null);
  const onTextRef = useRef(onText);
  onTextRef.current = onText;

  useEffect(() => () => rec.current?.stop(), []);

  if (!Ctor) return null;

  const toggle = () => {
    if (on) {
      rec.current?.stop();
      setOn(false);
      return;
    }
    setProblem(null);
    const r = new Ctor();
    r.continuous = true;
    r.interimResults = false;
    r.lang = document.documentElement.lang || 'en';
    r.onresult = (e) => {
      for (let i = e.resultIndex; i < e.results.length; i++) {
        const result = e.results[i];
        if (result?.isFinal) onTextRef.current(result[0].transcript.trim());
      }
    };
    r.onerror = (e) => {
      setProblem(
        e.error === 'not-allowed' || e.error === 'service-not-allowed'
          ? 'Microphone access was refused; you can type your answer.'
          : e.error === 'no-speech'
            ? null
            : 'Voice input stopped; you can type your answer.',
      );
    };
    r.onend = () => setOn(false);
    rec.current = r;
    try {
      r.start();
      setOn(true);
    } catch {
      setProblem('Voice input is not available right now; you can type your answer.');
    }
  };

  return (
    <span className="voice">
      <button type="button" className={`mic${on ? ' on' : ''}`} aria-pressed={on} onClick={toggle}>
        <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
          <path
            fill="currentColor"
            d="M12 14a3 3 0 0 0 3-3V5a3 3 0 0 0-6 0v6a3 3 0 0 0 3 3Zm5-3a5 5 0 0 1-10 0H5a7 7 0 0 0 6 6.92V21h2v-3.08A7 7 0 0 0 19 11h-2Z"
          />
        </svg>
        {on ? 'Stop dictation' : 'Dictate'}
      </button>
      <span className="sr-only" aria-live="polite">
        {on ? 'Listening' : ''}
      </span>
      {problem ? <span className="hint">{problem}</span> : null}
    </span>
  );
}

function Done({ closing, children }: { closing: string | null; children?: ReactNode }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="panel done" aria-labelledby="done-heading">
      <div className="done-mark" aria-hidden="true">
        ✓
      </div>
      <h1 id="done-heading" tabIndex={-1} ref={heading}>
        Thank you — your interview is complete
      </h1>
      {closing ? <p className="closing">{closing}</p> : null}
      <p>
        Your answers have been recorded. The recruiter will be in touch about the next steps. You can close
        this page.
      </p>
      {children}
    </section>
  );
}
