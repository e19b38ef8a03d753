import type { Config } from '../config/index.ts';
import type { OutboundSettings } from './calls.ts';
import { type CredentialKeyring, createKeyring } from './credentials.ts';

/** What the ATS adapters need in every process that serves or pushes to an ATS. */
export interface AtsRuntime {
  keyring: CredentialKeyring;
  urls: { ashbyApiUrl: string; leverApiUrl: string };
  /** Greenhouse's completion callback must be https on one of these (or their subdomains) */
  greenhouseCallbackHosts: readonly string[];
  outbound: OutboundSettings;
  /** the public base URL: report links, the URLs an ATS is given */
  baseUrl: string;
}

/**
 * The credentials key is CREDENTIALS_ENCRYPTION_KEY, or (embedded default, development) derived
 * from the signing secret: then rotating JWT_SECRET makes stored credentials unreadable, so
 * production sets its own key (the Helm chart does).
 */
export function atsRuntime(config: Config, signingSecret: string): AtsRuntime {
  const baseUrl = (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  // a server that ran on the derived default and then sets its own key still opens what it sealed
  const derived = `derived:${signingSecret}`;
  const previous = config.ats.encryptionKey
    ? [...config.ats.previousEncryptionKeys, derived]
    : config.ats.previousEncryptionKeys;
  return {
    keyring: createKeyring(config.ats.encryptionKey ?? derived, previous),
    urls: { ashbyApiUrl: config.ats.ashbyApiUrl, leverApiUrl: config.ats.leverApiUrl },
    greenhouseCallbackHosts: config.ats.greenhouseCallbackHosts,
    outbound: {
      timeoutMs: config.webhooks.timeoutMs,
      allowedHosts: config.webhooks.allowedHosts,
      retryScheduleMs: config.webhooks.retryScheduleMs,
    },
    baseUrl,
  };
}
