import type { components } from '../api-types.ts';

/** One call in or out of an ATS connection, as its call log lists it. */
export type AtsCall = components['schemas']['AtsCall'];

/** A call failed when it got no answer, an error answer, or an error of ours. */
export const callFailed = (c: AtsCall) => c.error !== null || c.status === null || c.status >= 400;

/** Seconds matter in a call log: "Mar 5, 2026, 10:02:31". */
export function formatInstant(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
