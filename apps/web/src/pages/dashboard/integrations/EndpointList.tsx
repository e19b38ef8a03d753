import { CopyField } from '../../../components/CopyField.tsx';
import type { AtsConnection } from './ats-api.ts';
import { PROVIDERS } from './ats-providers.ts';

/** How the page names each endpoint the API lists (an unknown one by its own name). */
const ENDPOINT_LABELS: Record<string, string> = {
  list_tests: 'List tests URL',
  send_test: 'Send test URL',
  test_status: 'Test status URL',
  response_error: 'Response error URL',
  base_url: 'Base URL',
  webhook_url: 'Webhook URL',
};

/** The URLs to enter in the ATS, each with a copy button. */
export function EndpointList({ connection }: { connection: AtsConnection }) {
  const id = `ats-${connection.provider}`;
  return (
    <div className="ats-part">
      <h3>Endpoints</h3>
      <p className="hint">
        Enter these in {PROVIDERS[connection.provider].label}: this is where it calls this platform.
      </p>
      {Object.entries(connection.endpoints).map(([name, url]) => (
        <CopyField
          key={name}
          id={`${id}-endpoint-${name}`}
          label={ENDPOINT_LABELS[name] ?? name}
          value={url}
          copyLabel="Copy"
          data={{ 'data-endpoint': name }}
        />
      ))}
    </div>
  );
}
