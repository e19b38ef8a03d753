import { EntitySchema, OptionalProps } from '@mikro-orm/core';
import { uuidv7 } from '../ids.ts';
import { tenantFilter } from './tenant-filter.ts';

export const SCHEDULE_STATES = ['scheduled', 'started', 'completed', 'cancelled'] as const;
export type ScheduleState = (typeof SCHEDULE_STATES)[number];

/** A scheduled interview and its join link (only the token's hash is kept). */
export class Schedule {
  [OptionalProps]?:
    | 'createdAt'
    | 'updatedAt'
    | 'positionId'
    | 'positionVersion'
    | 'interviewId'
    | 'createdBy'
    | 'linkSecret';
  id: string = uuidv7();
  tenantId!: string;
  candidateId!: string;
  roleId!: string;
  roleTitle!: string;
  pluginId!: string;
  positionId: string | null = null;
  /** the position's design version when scheduled; the interview runs the latest when it starts */
  positionVersion: number | null = null;
  scheduledAt!: Date;
  expiresAt!: Date;
  /** stored state; `expired` is derived from expiresAt when still `scheduled` */
  status!: ScheduleState;
  tokenHash!: string;
  /**
   * random; with the server's link key it makes the join token again (invitations, reminders,
   * resends): null for a link made before, or one whose token was random
   */
  linkSecret: string | null = null;
  interviewId: string | null = null;
  createdBy: string | null = null;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const ScheduleSchema = new EntitySchema<Schedule>({
  class: Schedule,
  tableName: 'schedules',
  filters: { tenant: tenantFilter },
  properties: {
    id: { type: 'uuid', primary: true },
    tenantId: { type: 'uuid' },
    candidateId: { type: 'uuid' },
    roleId: { type: 'string' },
    roleTitle: { type: 'string' },
    pluginId: { type: 'string' },
    positionId: { type: 'string', nullable: true },
    positionVersion: { type: 'integer', nullable: true },
    scheduledAt: { type: 'Date' },
    expiresAt: { type: 'Date' },
    status: { type: 'string' },
    tokenHash: { type: 'string', hidden: true },
    linkSecret: { type: 'string', hidden: true, nullable: true },
    interviewId: { type: 'uuid', nullable: true },
    createdBy: { type: 'uuid', nullable: true },
    createdAt: { type: 'Date', onCreate: () => new Date() },
    updatedAt: { type: 'Date', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});
