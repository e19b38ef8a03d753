/** Colour helpers for tenant theming: readable text on the tenant's primary colour (WCAG contrast). */

export const DEFAULT_PRIMARY = '#2f54eb';
const HEX = /^#([0-9a-f]{6})$/i;

export function normalizeHex(value: string | null | undefined, fallback = DEFAULT_PRIMARY): string {
  return value && HEX.test(value) ? value.toLowerCase() : fallback;
}

function channels(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex(rgb: [number, number, number]): string {
  return `#${rgb
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** WCAG 2 relative luminance. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Black or white, whichever reads better on `background`. */
export function readableOn(background: string): '#000000' | '#ffffff' {
  return contrast(background, '#000000') >= contrast(background, '#ffffff') ? '#000000' : '#ffffff';
}

/** The colour darkened (or lightened) until it has at least `ratio` contrast against `against`. */
export function ensureContrast(color: string, against = '#ffffff', ratio = 4.5): string {
  let rgb = channels(color);
  const darken = luminance(against) > 0.5;
  for (let i = 0; i < 40 && contrast(toHex(rgb), against) < ratio; i++) {
    rgb = darken
      ? (rgb.map((c) => c * 0.9) as [number, number, number])
      : (rgb.map((c) => c + (255 - c) * 0.1) as [number, number, number]);
  }
  return toHex(rgb);
}

/** CSS custom properties that theme a page with the tenant's primary colour. */
export function brandStyle(primary: string | null | undefined): Record<string, string> {
  const base = normalizeHex(primary);
  return {
    '--brand': base,
    '--brand-contrast': readableOn(base),
    '--brand-ink': ensureContrast(base, '#ffffff', 4.5),
  };
}
