import { describe, expect, it } from 'vitest';
import { composeFromTemplate, createTemplateVoice } from '../../src/ai/template-voice.ts';
import type { ReplyContext } from '../../src/ai/types.ts';

const base: ReplyContext = {
  kind: 'question',
  company: 'Acme',
  roleTitle: 'Data Analyst',
  phase: 'technical',
  questionText: 'How do you check a dashboard number you do not trust?',
  turn: 2,
  totalTurns: 7,
};

describe('template voice', () => {
  it('greets with the company, the role, how it works, and that an AI conducts and scores it', async () => {
    const text = await createTemplateVoice().compose({
      ...base,
      kind: 'greeting',
      phase: 'intro',
      candidateFirstName: 'Ada',
      turn: 0,
      questionText: 'Tell me about yourself.',
    });
    expect(text).toMatch(/^Hi Ada, welcome!/);
    expect(text).toContain('Data Analyst role at Acme');
    expect(text).toContain('AI interviewer');
    expect(text).toContain('scored by AI');
    expect(text).toContain('about 7 questions');
    expect(text.endsWith('Tell me about yourself.')).toBe(true);
  });

  it('asks the question verbatim, varying the opener by turn, deterministically', () => {
    const openers = new Set<string>();
    for (let turn = 1; turn <= 8; turn++) {
      const text = composeFromTemplate({ ...base, turn });
      expect(text.endsWith(base.questionText!)).toBe(true);
      expect(composeFromTemplate({ ...base, turn })).toBe(text);
      openers.add(text.slice(0, text.length - base.questionText!.length));
    }
    expect(openers.size).toBeGreaterThan(2);
  });

  it('announces phase transitions', () => {
    const text = composeFromTemplate({
      ...base,
      kind: 'transition',
      phase: 'behavioral',
      previousPhase: 'technical',
      turn: 4,
    });
    expect(text).toBe(`Thanks. Let's move on to some behavioural questions. ${base.questionText}`);
  });

  it('asks follow-ups and closes without a question', () => {
    expect(
      composeFromTemplate({ ...base, kind: 'follow_up', questionText: 'Which query did you run?' }),
    ).toMatch(/Which query did you run\?$/);
    const closing = composeFromTemplate({
      ...base,
      kind: 'closing',
      phase: 'closing',
      questionText: undefined,
    });
    expect(closing).toContain('Acme');
    expect(closing).not.toContain('?');
    expect(closing.length).toBeLessThan(300);
  });
});
