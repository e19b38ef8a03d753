import type { Phase } from '../plugins/index.ts';
import type { InterviewerVoice, ReplyContext } from './types.ts';

/**
 * The deterministic interviewer voice: short, natural templates. Wording varies with the turn
 * number (never randomly), so a transcript can be reproduced exactly and tests stay stable. It is
 * the offline default and the LLM voice's fallback and draft.
 */

const pick = <T>(options: readonly T[], turn: number): T =>
  options[Math.abs(Math.trunc(turn)) % options.length]!;

const QUESTION_OPENERS = [
  'Thanks. Next question:',
  "Thank you. Here's the next one:",
  'Got it, thanks. Moving on:',
  'Thanks for that. Next:',
] as const;

const FOLLOW_UP_OPENERS = [
  'Thanks. A quick follow-up:',
  'One more on that:',
  'Thanks. Let me dig into that a little:',
] as const;

const PHASE_LINES: Record<Phase, readonly string[]> = {
  intro: ["Let's start with a little about you.", "Let's begin with your background."],
  technical: ["Let's move on to some technical questions.", 'Next, a few technical questions.'],
  behavioral: [
    "Let's move on to some behavioural questions.",
    'Next, a few questions about how you have worked.',
  ],
  situational: ["Let's move on to some situational questions.", 'Next, a few what-would-you-do questions.'],
  closing: ["We're nearly done.", 'Just one last part.'],
};

function greeting(ctx: ReplyContext): string {
  const hello = ctx.candidateFirstName ? `Hi ${ctx.candidateFirstName}, welcome!` : 'Hi, welcome!';
  const count = ctx.totalTurns > 0 ? `about ${ctx.totalTurns} questions` : 'a series of questions';
  return [
    hello,
    `This is your interview for the ${ctx.roleTitle} role at ${ctx.company}.`,
    `I'm an AI interviewer: I'll ask ${count}, one at a time, sometimes with a short follow-up.`,
    `Your answers are scored by AI against the same criteria as every candidate's, and the ${ctx.company} team reviews the results.`,
    'Answer in your own words and take your time.',
    ...(ctx.questionText ? [`Let's begin. ${ctx.questionText}`] : []),
  ].join(' ');
}

function closing(ctx: ReplyContext): string {
  const thanks = ctx.candidateFirstName
    ? `Thank you for your time, ${ctx.candidateFirstName}.`
    : 'Thank you for your time.';
  return pick(
    [
      `That's all the questions I have. ${thanks} The team at ${ctx.company} will review your interview and be in touch about next steps.`,
      `That brings us to the end of the interview. ${thanks} The team at ${ctx.company} will review it and get back to you about next steps.`,
    ],
    ctx.turn,
  );
}

export function composeFromTemplate(ctx: ReplyContext): string {
  const question = ctx.questionText?.trim() ?? '';
  switch (ctx.kind) {
    case 'greeting':
      return greeting(ctx);
    case 'question':
      return `${pick(QUESTION_OPENERS, ctx.turn)} ${question}`.trim();
    case 'follow_up':
      return `${pick(FOLLOW_UP_OPENERS, ctx.turn)} ${question}`.trim();
    case 'transition':
      return `Thanks. ${pick(PHASE_LINES[ctx.phase], ctx.turn)} ${question}`.trim();
    case 'closing':
      return closing(ctx);
  }
}

export function createTemplateVoice(): InterviewerVoice {
  return {
    name: 'template',
    local: true,
    async compose(ctx) {
      return composeFromTemplate(ctx);
    },
  };
}
