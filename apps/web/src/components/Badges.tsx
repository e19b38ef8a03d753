import { RECOMMENDATION_LABELS, type Recommendation } from '../api.ts';

export function RecommendationBadge({ value }: { value: Recommendation | null | undefined }) {
  if (!value) return <span className="muted">—</span>;
  return <span className={`badge rec-${value}`}>{RECOMMENDATION_LABELS[value] ?? value}</span>;
}

const STATUS_LABELS: Record<string, string> = {
  in_progress: 'In progress',
  completed: 'Completed',
  ended: 'Ended early',
  scheduled: 'Scheduled',
  started: 'Started',
  expired: 'Expired',
  cancelled: 'Cancelled',
  open: 'Open',
  closed: 'Closed',
  // a billing account's status
  trialing: 'Trial',
  active: 'Active',
  past_due: 'Past due',
  canceled: 'Canceled',
};

export function StatusBadge({ value }: { value: string }) {
  return <span className={`badge status-${value}`}>{STATUS_LABELS[value] ?? value}</span>;
}
