import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../../api.ts';

/** A cursor-paginated list: the first page on load (and on reload), more pages on demand. */
/** `key` names what the loader depends on (e.g. the filters): a new key loads the first page again. */
export function usePaged<T>(load: (cursor: string | null) => Promise<Page<T>>, key = '') {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async (quiet = false) => {
    const gen = ++generation.current;
    if (!quiet) setLoading(true);
    try {
      const page = await loadRef.current(null);
      if (gen !== generation.current) return;
      setItems(page.items);
      setCursor(page.nextCursor);
      setError(null);
    } catch (err) {
      if (gen === generation.current) setError(err);
    } finally {
      if (gen === generation.current) setLoading(false);
    }
  }, []);

  const more = useCallback(async () => {
    if (!cursor) return;
    const gen = generation.current;
    setLoading(true);
    try {
      const page = await loadRef.current(cursor);
      if (gen !== generation.current) return;
      setItems((prev) => [...prev, ...page.items]);
      setCursor(page.nextCursor);
    } catch (err) {
      setError(err);
    } finally {
      setLoading(false);
    }
  }, [cursor]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new key reloads
  useEffect(() => {
    void reload();
  }, [reload, key]);

  return { items, setItems, hasMore: cursor !== null, loading, error, reload, more };
}
