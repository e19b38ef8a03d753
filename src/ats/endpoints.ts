import type { AtsProvider } from './connections.ts';

/**
 * Where each ATS calls us: outside /api/v1, since each answers in its ATS's own shapes (not
 * problem+json). A connection's view lists these for the recruiter to paste into the ATS.
 */
export const INBOUND_PATHS = {
  greenhouse: '/ats/greenhouse',
  ashby: '/ats/ashby',
  lever: '/ats/lever',
} as const;

export function inboundEndpoints(
  provider: AtsProvider,
  connectionId: string,
  baseUrl: string,
): Record<string, string> {
  const root = `${baseUrl}${INBOUND_PATHS[provider]}`;
  switch (provider) {
    case 'greenhouse':
      return {
        list_tests: `${root}/list_tests`,
        send_test: `${root}/send_test`,
        test_status: `${root}/test_status`,
        response_error: `${root}/response_error`,
      };
    case 'ashby':
      return { base_url: root };
    case 'lever':
      return { webhook_url: `${root}/${connectionId}/webhook` };
  }
}
