import type { AtsAdapter } from './adapter.ts';
import { ashbyAdapter } from './ashby/adapter.ts';
import type { AtsProvider } from './connections.ts';
import { greenhouseAdapter } from './greenhouse/adapter.ts';
import { leverAdapter } from './lever/adapter.ts';

export const ADAPTERS: Record<AtsProvider, AtsAdapter> = {
  greenhouse: greenhouseAdapter,
  ashby: ashbyAdapter,
  lever: leverAdapter,
};
