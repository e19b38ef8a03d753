import { type RefObject, useEffect, useState } from 'react';

/**
 * The element's width in CSS pixels, kept current as it resizes: charts draw at this size so
 * their text is never scaled down on a phone.
 */
export function useWidth(ref: RefObject<HTMLElement | null>, min = 260, initial = 640): number {
  const [width, setWidth] = useState(initial);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.max(min, Math.floor(el.clientWidth)));
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref, min]);
  return width;
}
