import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { type ChaosRow, fmtMs, verdict } from './lib/outcome.ts';

/** Where the last table is also written, to paste into docs/reliability.md. */
export const TABLE_FILE = path.join(tmpdir(), 'ai-interviewer-chaos-table.md');

const cell = (s: string) => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** The fault table as markdown, one row per fault test, in the order they ran. */
export function chaosTable(rows: ChaosRow[]): string {
  const lines = [
    '| fault | requests | errors | lost | duplicated | recovery | promises | notes |',
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${cell(r.fault)} | ${r.requests} | ${r.errors} | ${r.lost} | ${r.duplicated} | ${fmtMs(r.recoveryMs)} | ${verdict(r)} | ${cell(
          [r.notes, ...r.violations.slice(0, 3).map((v) => `broken: ${v}`)].join('; ') +
            (r.violations.length > 3 ? `; … ${r.violations.length - 3} more` : ''),
        )} |`,
    ),
  ];
  return lines.join('\n');
}

/** Prints every fault's row as a table once the run ends (and writes it to TABLE_FILE). */
export default class ChaosTableReporter implements Reporter {
  private rows: ChaosRow[] = [];

  onTestCaseResult(testCase: TestCase) {
    const row = testCase.meta().chaos;
    if (row) this.rows.push(row);
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>) {
    if (this.rows.length === 0) return;
    const table = chaosTable(this.rows);
    const stamp = `Run ${new Date().toISOString()} on ${process.platform}, Node ${process.version}`;
    writeFileSync(TABLE_FILE, `${stamp}\n\n${table}\n`);
    console.log(`\nFault table (${stamp}; also in ${TABLE_FILE}):\n\n${table}\n`);
  }
}
