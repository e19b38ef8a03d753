import { type Page, request } from '../../../api.ts';
import type { components } from '../../../api-types.ts';
import type { AtsCall } from '../../../components/ats-call.ts';

type Schemas = components['schemas'];
export type AtsProvider = Schemas['AtsProvider'];
export type AtsConnection = Schemas['AtsConnection'];
export type AtsConnectionTest = Schemas['AtsConnectionTest'];
/** A connection with the key the ATS calls with, just issued: the only answer that holds it. */
export type AtsConnectionWithKey = Schemas['AtsConnectionWithKey'];
export type AtsSettingsInput = NonNullable<Schemas['AtsConnectionPatch']['settings']>;
export type CredentialField = AtsConnection['credentials'][number]['field'];
/** Secrets as typed in a form, by field. */
export type CredentialValues = Partial<Record<CredentialField, string>>;

const enc = encodeURIComponent;
const CALLS_PAGE = 25;

/** The ATS connections API (admins and owners); secrets go in, never come back. */
export const atsApi = {
  list: () => request<Schemas['AtsConnectionList']>('GET', '/ats/connections'),
  get: (id: string) => request<AtsConnection>('GET', `/ats/connections/${enc(id)}`),
  connect: (body: Schemas['NewAtsConnection']) =>
    request<AtsConnectionWithKey>('POST', '/ats/connections', { body }),
  update: (id: string, body: Schemas['AtsConnectionPatch']) =>
    request<AtsConnection>('PATCH', `/ats/connections/${enc(id)}`, { body }),
  rotateKey: (id: string) =>
    request<AtsConnectionWithKey>('POST', `/ats/connections/${enc(id)}/inbound-key/rotate`),
  test: (id: string) => request<AtsConnectionTest>('POST', `/ats/connections/${enc(id)}/test`),
  calls: (id: string, cursor: string | null) =>
    request<Page<AtsCall>>('GET', `/ats/connections/${enc(id)}/calls`, {
      query: { limit: CALLS_PAGE, cursor },
    }),
  disconnect: (id: string) => request<void>('DELETE', `/ats/connections/${enc(id)}`),
};
