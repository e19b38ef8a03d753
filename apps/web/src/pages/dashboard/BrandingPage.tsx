import { type FormEvent, useEffect, useState } from 'react';
import { api, type Branding, fieldError } from '../../api.ts';
import { brandStyle, contrast, DEFAULT_PRIMARY, normalizeHex, readableOn } from '../../color.ts';
import { BrandHeader } from '../../components/BrandHeader.tsx';
import { Field, FormError } from '../../components/Form.tsx';
import { useDashboard, useTitle } from '../dashboard-context.ts';
import { DataRetentionSection } from './DataRetentionSection.tsx';

const HEX = /^#[0-9a-f]{6}$/i;

export function BrandingPage() {
  useTitle('Branding');
  const { me } = useDashboard();
  const [loaded, setLoaded] = useState(false);
  const [displayName, setDisplayName] = useState('');
  const [logoUrl, setLogoUrl] = useState('');
  const [primaryColor, setPrimaryColor] = useState('');
  const [welcomeMessage, setWelcomeMessage] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [local, setLocal] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');

  useEffect(() => {
    let live = true;
    api.tenant().then(
      (t) => {
        if (!live) return;
        setDisplayName(t.branding.displayName ?? '');
        setLogoUrl(t.branding.logoUrl ?? '');
        setPrimaryColor(t.branding.primaryColor ?? '');
        setWelcomeMessage(t.branding.welcomeMessage ?? '');
        setLoaded(true);
      },
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);

  const preview: Branding = {
    displayName: displayName.trim() || null,
    logoUrl: /^https?:\/\/\S+$/i.test(logoUrl.trim()) ? logoUrl.trim() : null,
    primaryColor: HEX.test(primaryColor) ? primaryColor : null,
    welcomeMessage: welcomeMessage.trim() || null,
  };
  const colour = normalizeHex(preview.primaryColor);
  const text = readableOn(colour);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const problems: Record<string, string> = {};
    if (primaryColor && !HEX.test(primaryColor)) problems['primaryColor'] = 'A colour like #1a2b3c.';
    if (logoUrl.trim() && !/^https?:\/\//i.test(logoUrl.trim())) problems['logoUrl'] = 'An http(s) address.';
    setLocal(problems);
    setError(null);
    setSaved('');
    if (Object.keys(problems).length) return;
    setBusy(true);
    try {
      await api.updateBranding({
        displayName: displayName.trim() || null,
        logoUrl: logoUrl.trim() || null,
        primaryColor: primaryColor || null,
        welcomeMessage: welcomeMessage.trim() || null,
      });
      setSaved('Branding saved. Candidates see it on their interview page.');
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const err = (name: string) => local[name] ?? fieldError(error, name);

  return (
    <>
      <h1 tabIndex={-1}>Branding</h1>
      <p className="muted">What candidates see on their interview page.</p>
      <div className="two-col branding">
        <section className="card" aria-labelledby="branding-form-heading">
          <h2 id="branding-form-heading">Settings</h2>
          <form onSubmit={submit} noValidate aria-busy={!loaded}>
            <FormError error={error} />
            <Field
              id="brand-displayName"
              label="Display name"
              error={err('displayName')}
              hint={`Default: ${me.tenant.name}`}
            >
              {(aria) => (
                <input
                  {...aria}
                  type="text"
                  value={displayName}
                  onChange={(e) => setDisplayName(e.target.value)}
                />
              )}
            </Field>
            <Field
              id="brand-logoUrl"
              label="Logo URL"
              error={err('logoUrl')}
              hint="A square image, shown at 40×40."
            >
              {(aria) => (
                <input
                  {...aria}
                  type="url"
                  inputMode="url"
                  placeholder="https://…"
                  value={logoUrl}
                  onChange={(e) => setLogoUrl(e.target.value)}
                />
              )}
            </Field>
            <Field
              id="brand-primaryColor"
              label="Primary colour"
              error={err('primaryColor')}
              hint={`Text on it: ${text === '#ffffff' ? 'white' : 'black'} (contrast ${contrast(colour, text).toFixed(1)}:1)`}
            >
              {(aria) => (
                <div className="colour-row">
                  <input
                    type="color"
                    aria-label="Pick the primary colour"
                    value={HEX.test(primaryColor) ? primaryColor.toLowerCase() : DEFAULT_PRIMARY}
                    onChange={(e) => setPrimaryColor(e.target.value)}
                  />
                  <input
                    {...aria}
                    type="text"
                    placeholder={DEFAULT_PRIMARY}
                    value={primaryColor}
                    onChange={(e) => setPrimaryColor(e.target.value.trim())}
                  />
                </div>
              )}
            </Field>
            <Field id="brand-welcomeMessage" label="Welcome message" error={err('welcomeMessage')}>
              {(aria) => (
                <textarea
                  {...aria}
                  rows={4}
                  value={welcomeMessage}
                  onChange={(e) => setWelcomeMessage(e.target.value)}
                />
              )}
            </Field>
            <div className="row">
              <button type="submit" className="button" disabled={busy || !loaded}>
                {busy ? 'Saving…' : 'Save branding'}
              </button>
              <span role="status" className="ok-text">
                {saved}
              </span>
            </div>
          </form>
        </section>
        <section className="card" aria-labelledby="branding-preview-heading">
          <h2 id="branding-preview-heading">Preview</h2>
          <div
            className="candidate-preview"
            style={brandStyle(preview.primaryColor)}
            data-testid="branding-preview"
          >
            <BrandHeader branding={preview} fallbackName={me.tenant.name} />
            <div className="candidate-preview-body">
              <p className="preview-title">Interview for Backend Engineer</p>
              <p className="welcome">
                {preview.welcomeMessage || 'Welcome! This interview takes about 20 minutes.'}
              </p>
              <span className="brand-button" aria-hidden="true">
                Start the interview
              </span>
            </div>
          </div>
        </section>
      </div>
      <DataRetentionSection />
    </>
  );
}
