import { CopyField } from '../../../components/CopyField.tsx';
import type { AtsProvider } from './ats-api.ts';
import { PROVIDERS } from './ats-providers.ts';

/** The key the ATS calls with, right after it is issued: the only time it is shown. */
export function IssuedKey({
  provider,
  value,
  onDone,
}: {
  provider: AtsProvider;
  value: string;
  onDone: () => void;
}) {
  const { label } = PROVIDERS[provider];
  return (
    <div className="ats-new-key" data-testid="ats-new-key">
      <p className="alert warn">
        Copy the key now and enter it in {label}: it is shown only once. A lost key cannot be shown again;
        rotate it to get a new one.
      </p>
      <CopyField id={`ats-${provider}-new-key`} label={`${label} key`} value={value} copyLabel="Copy key" />
      <button type="button" className="button secondary small" onClick={onDone}>
        Done
      </button>
    </div>
  );
}
