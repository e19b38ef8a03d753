import { useState } from 'react';
import type { Branding } from '../api.ts';
import { brandStyle } from '../color.ts';

/** The candidate page's header in the tenant's colours (also the branding page's live preview). */
export function BrandHeader({ branding, fallbackName }: { branding: Branding; fallbackName?: string }) {
  const name = branding.displayName || fallbackName || 'Interview';
  const [broken, setBroken] = useState<string | null>(null);
  const logo = branding.logoUrl && broken !== branding.logoUrl ? branding.logoUrl : null;
  return (
    <header className="brand-header" style={brandStyle(branding.primaryColor)}>
      {logo ? (
        <img
          className="brand-logo"
          src={logo}
          alt={`${name} logo`}
          width={40}
          height={40}
          onError={() => setBroken(logo)}
        />
      ) : (
        <span className="brand-mark" aria-hidden="true">
          {name.slice(0, 1).toUpperCase()}
        </span>
      )}
      <span className="brand-name">{name}</span>
    </header>
  );
}
