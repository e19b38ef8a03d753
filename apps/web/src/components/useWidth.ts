import { useCallback, useRef, useState } from 'react';

/**
 * The width in CSS pixels of the element given the returned ref, kept current as it resizes:
 * charts draw at this size so their text is never scaled down on a phone. A callback ref, so an
 * element that mounts later (a chart that waited for data) is measured too.
 */
export function useWidth(min = 260, initial = 640): [(el: HTMLElement | null) => void, number] {
  const [width, setWidth] = useState(initial);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (el: HTMLElement | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      const measure = () => setWidth(Math.max(min, Math.floor(el.clientWidth)));
      measure();
      if (typeof ResizeObserver === 'undefined') return;
      observer.current = new ResizeObserver(measure);
      observer.current.observe(el);
    },
    [min],
  );
  return [ref, width];
}
