import type { AtsAdapter } from '../adapter.ts';

/**
 * Greenhouse Assessment Partner API: Greenhouse calls us (list_tests, send_test, test_status);
 * when an interview finishes we PATCH the `url` it gave in send_test, empty, with the same key
 * as HTTP Basic user, and Greenhouse then reads test_status.
 */
export const greenhouseAdapter: AtsAdapter = {
  pushes: { started: [], finished: ['greenhouse.completed'] },
  push(_kind, ctx) {
    return {
      connectionId: ctx.connection.id,
      operation: 'mark_completed',
      method: 'PATCH',
      url: ctx.link.callback_url ?? '',
      basicUser: ctx.credentials.inboundKey,
    };
  },
  test: () => undefined,
};
