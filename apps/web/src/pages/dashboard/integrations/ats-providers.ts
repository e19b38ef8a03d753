import type { AtsProvider, CredentialField } from './ats-api.ts';

interface ProviderInfo {
  label: string;
  about: string;
  /** the secrets this platform calls the ATS with */
  credentials: CredentialField[];
  /** the ATS calls this platform with a key issued here */
  inboundKey: boolean;
}

/** What the page says about each ATS, and what connecting it takes. */
export const PROVIDERS: Record<AtsProvider, ProviderInfo> = {
  greenhouse: {
    label: 'Greenhouse',
    about:
      'Greenhouse calls this platform (its Assessment Partner API): it lists your open positions as tests, sends candidates their interview and reads the results. It signs in with the key this page gives you, as the API key (HTTP Basic user name).',
    credentials: [],
    inboundKey: true,
  },
  ashby: {
    label: 'Ashby',
    about:
      'Ashby calls this platform to start and cancel assessments, with the key this page gives you; results go back to Ashby with your Ashby API key.',
    credentials: ['apiKey'],
    inboundKey: true,
  },
  lever: {
    label: 'Lever',
    about:
      'Lever calls the webhook when a candidate reaches the trigger stage: the candidate gets an interview for the position mapped to their posting, and the result is added to the opportunity as a note with your Lever API key.',
    credentials: ['apiKey', 'webhookToken'],
    inboundKey: false,
  },
};

/** The order of the cards on the page. */
export const PROVIDER_ORDER: AtsProvider[] = ['greenhouse', 'ashby', 'lever'];

export function credentialLabel(provider: AtsProvider, field: CredentialField): string {
  return field === 'apiKey' ? `${PROVIDERS[provider].label} API key` : 'Webhook signature token';
}

export function credentialHint(provider: AtsProvider, field: CredentialField): string {
  if (field === 'webhookToken')
    return 'Lever: Settings > Integrations and API > Webhooks, the signature token.';
  return provider === 'ashby'
    ? 'Used to report results to Ashby.'
    : 'Used to read the opportunity and add the result as a note.';
}
