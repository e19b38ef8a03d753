import type { FieldProblem, PositionDesign } from '../../api.ts';
import { bankRef } from '../../position-design.ts';

/**
 * What the server refused in a position (400 with /body/… paths, 422 invalid_design with
 * /design/… paths): each problem with its path and message beside the form, and helpers that
 * place a problem next to the question or setting it names.
 */

/** The path without the `/body` of a request-validation error: `/design/questions/0/rubric`. */
export const problemPath = (p: FieldProblem) => p.path.replace(/^\/body(?=\/)/, '');

/** The messages of the problems at `path` or below it. */
export function problemsAt(problems: FieldProblem[], path: string): string[] {
  return problems
    .filter((p) => {
      const at = problemPath(p);
      return at === path || at.startsWith(`${path}/`);
    })
    .map((p) => p.message);
}

/** The question a problem is about (its ref), when it names one. */
export function problemRef(problem: FieldProblem, design: PositionDesign): string | null {
  const path = problemPath(problem);
  let m = /^\/design\/questions\/(\d+)(?:\/|$)/.exec(path);
  if (m) return design.questions[Number(m[1])]?.id ?? null;
  m = /^\/design\/banks\/(\d+)\/(include|exclude)\/(\d+)$/.exec(path);
  if (m) {
    const bank = design.banks[Number(m[1])];
    const id = bank?.[m[2] as 'include' | 'exclude']?.[Number(m[3])];
    return bank && id ? bankRef(bank.pluginId, id) : null;
  }
  m = /^\/design\/required\/(\d+)$/.exec(path);
  if (m) return design.required[Number(m[1])] ?? null;
  return null;
}

/** A short human name for what a path points at, e.g. `your question “How would…”`. */
function describe(problem: FieldProblem, design: PositionDesign): string | null {
  const path = problemPath(problem);
  const q = /^\/design\/questions\/(\d+)/.exec(path);
  if (q) {
    const text = design.questions[Number(q[1])]?.text ?? '';
    return `your question “${text.length > 50 ? `${text.slice(0, 50)}…` : text}”`;
  }
  const b = /^\/design\/banks\/(\d+)/.exec(path);
  if (b) return `question bank ${design.banks[Number(b[1])]?.pluginId ?? ''}`;
  return null;
}

export function DesignProblems({ problems, design }: { problems: FieldProblem[]; design: PositionDesign }) {
  if (problems.length === 0) return null;
  return (
    <div className="alert error" role="alert" data-testid="design-problems">
      <p className="alert-title">The position was not saved. Correct these and save again:</p>
      <ul>
        {problems.map((p) => {
          const what = describe(p, design);
          return (
            <li key={`${p.path}|${p.message}`}>
              <code>{problemPath(p)}</code>
              {what ? ` (${what})` : ''}: {p.message}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
