import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** `ai-interviewer plugin test`: golden answers through the built-in evaluator, from the CLI. */

const ROOT = path.resolve(import.meta.dirname, '../..');
const BUNDLED = path.join(ROOT, 'plugins', 'backend-engineer');
const exec = promisify(execFile);
let workDir: string;

const cli = (...args: string[]) =>
  exec('node', [path.join(ROOT, 'apps/cli/bin.js'), ...args], { cwd: ROOT }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

/** A copy of the bundled backend plugin, changed by `edit`, in its own folder. */
// biome-ignore lint/suspicious/noExplicitAny: the manifest JSON is edited loosely
async function copyWith(name: string, edit: (m: Record<string, any>) => void): Promise<string> {
  const manifest = JSON.parse(await readFile(path.join(BUNDLED, 'plugin.json'), 'utf8'));
  edit(manifest);
  const dir = path.join(workDir, name);
  await exec('mkdir', ['-p', dir]);
  await writeFile(path.join(dir, 'plugin.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

beforeAll(async () => {
  workDir = await mkdtemp(path.join(tmpdir(), 'aii-plugin-test-'));
});
afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

describe('ai-interviewer plugin test', () => {
  it('passes a bundled plugin: a ✔ row per golden answer and exit 0', async () => {
    const r = await cli('plugin', 'test', BUNDLED);
    expect(r.code, r.out).toBe(0);
    const manifest = JSON.parse(await readFile(path.join(BUNDLED, 'plugin.json'), 'utf8'));
    const rows = r.out
      .split('\n')
      .filter((l) => /^\s+\S+\s+(strong|average|weak)\s+\d+-\d+\s+\d+\s+[✔✘]/.test(l));
    expect(rows).toHaveLength(manifest.goldenAnswers.length);
    expect(rows.every((l) => l.trimEnd().endsWith('✔'))).toBe(true);
    expect(r.out).toMatch(/question\s+label\s+expected\s+score/);
    expect(r.out).toContain(
      `✔ ${manifest.goldenAnswers.length}/${manifest.goldenAnswers.length} golden answers in range and ordered`,
    );
  });

  it('fails a copy with one impossible golden range: that row is ✘ and the exit code 1', async () => {
    const dir = await copyWith('impossible', (m) => {
      const g = m.goldenAnswers.find((x: { label: string }) => x.label === 'strong');
      g.expected = { min: 0, max: 0 };
    });
    const r = await cli('plugin', 'test', dir);
    expect(r.code, r.out).toBe(1);
    const failed = r.out.split('\n').filter((l) => l.includes('✘ out of range'));
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatch(/tech-idempotent-payments-api\s+strong\s+0-0\s+\d+/);
    expect(r.out).toMatch(/✘ 20\/21 golden answers in range and ordered across 1 plugin\(s\); 1 failing/);
  });

  it('fails when strong does not outscore average (labels swapped), even inside the ranges', async () => {
    const dir = await copyWith('swapped', (m) => {
      const [strong, average] = ['strong', 'average'].map((label) =>
        m.goldenAnswers.find(
          (x: { questionId: string; label: string }) =>
            x.questionId === 'tech-idempotent-payments-api' && x.label === label,
        ),
      );
      [strong.answer, average.answer] = [average.answer, strong.answer];
      strong.expected = { min: 0, max: 100 };
      average.expected = { min: 0, max: 100 };
    });
    const r = await cli('plugin', 'test', dir);
    expect(r.code, r.out).toBe(1);
    expect(r.out).toMatch(
      /tech-idempotent-payments-api\s+strong\s+0-100\s+\d+\s+✘ order: strong \d+ vs average \d+/,
    );
  });

  it('reports an invalid manifest with its problems and exits 1; no target prints help and exits 2', async () => {
    const dir = await copyWith('invalid', (m) => {
      m.goldenAnswers[0].questionId = 'no-such-question';
    });
    const r = await cli('plugin', 'test', dir, BUNDLED);
    expect(r.code).toBe(1);
    expect(r.out).toContain('invalid manifest');
    expect(r.out).toContain('/goldenAnswers/0/questionId: unknown question "no-such-question"');
    expect(r.out).toContain('✔ ai-interviewer.backend-engineer@');

    const none = await cli('plugin', 'test');
    expect(none.code).toBe(2);
    expect(none.out).toContain('ai-interviewer plugin test <dir|file>');
    expect((await cli('plugin', 'test', '--help')).code).toBe(0);
  });
});
