import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000_foundation } from './Migration20261125000000_foundation.ts';
import { Migration20261125010000_plugins } from './Migration20261125010000_plugins.ts';
import { Migration20261125020000_interviews } from './Migration20261125020000_interviews.ts';
import { Migration20261125030000_webhooks } from './Migration20261125030000_webhooks.ts';
import { Migration20261125040000_scheduling } from './Migration20261125040000_scheduling.ts';
import { Migration20261125050000_stalled_work } from './Migration20261125050000_stalled_work.ts';
import { Migration20261206000000_idempotency_retention } from './Migration20261206000000_idempotency_retention.ts';
import { Migration20261206100000_positions } from './Migration20261206100000_positions.ts';
import { Migration20261206200000_billing } from './Migration20261206200000_billing.ts';
import { Migration20261206300000_tenant_foreign_keys } from './Migration20261206300000_tenant_foreign_keys.ts';
import { Migration20261206400000_audit_log } from './Migration20261206400000_audit_log.ts';
import { Migration20261206410000_erasure } from './Migration20261206410000_erasure.ts';
import { Migration20261206420000_self_identification } from './Migration20261206420000_self_identification.ts';
import { Migration20261206430000_notice_and_review } from './Migration20261206430000_notice_and_review.ts';
import { Migration20261206500000_retention_and_offboarding } from './Migration20261206500000_retention_and_offboarding.ts';
import { Migration20261206600000_llm_usage } from './Migration20261206600000_llm_usage.ts';
import { Migration20261206700000_notifications } from './Migration20261206700000_notifications.ts';
import { Migration20261207100000_ats } from './Migration20261207100000_ats.ts';

/** Every migration, in order. A new migration file is added here too. */
export const migrationsList: MigrationObject[] = [
  { name: 'Migration20261125000000_foundation', class: Migration20261125000000_foundation },
  { name: 'Migration20261125010000_plugins', class: Migration20261125010000_plugins },
  { name: 'Migration20261125020000_interviews', class: Migration20261125020000_interviews },
  { name: 'Migration20261125030000_webhooks', class: Migration20261125030000_webhooks },
  { name: 'Migration20261125040000_scheduling', class: Migration20261125040000_scheduling },
  { name: 'Migration20261125050000_stalled_work', class: Migration20261125050000_stalled_work },
  {
    name: 'Migration20261206000000_idempotency_retention',
    class: Migration20261206000000_idempotency_retention,
  },
  { name: 'Migration20261206100000_positions', class: Migration20261206100000_positions },
  { name: 'Migration20261206200000_billing', class: Migration20261206200000_billing },
  {
    name: 'Migration20261206300000_tenant_foreign_keys',
    class: Migration20261206300000_tenant_foreign_keys,
  },
  { name: 'Migration20261206400000_audit_log', class: Migration20261206400000_audit_log },
  { name: 'Migration20261206410000_erasure', class: Migration20261206410000_erasure },
  {
    name: 'Migration20261206420000_self_identification',
    class: Migration20261206420000_self_identification,
  },
  { name: 'Migration20261206430000_notice_and_review', class: Migration20261206430000_notice_and_review },
  {
    name: 'Migration20261206500000_retention_and_offboarding',
    class: Migration20261206500000_retention_and_offboarding,
  },
  { name: 'Migration20261206600000_llm_usage', class: Migration20261206600000_llm_usage },
  { name: 'Migration20261206700000_notifications', class: Migration20261206700000_notifications },
  { name: 'Migration20261207100000_ats', class: Migration20261207100000_ats },
];
