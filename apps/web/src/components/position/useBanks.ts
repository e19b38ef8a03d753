import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type BankManifest, type PositionDesign } from '../../api.ts';
import { manifestKey, selectionVersion } from '../../position-design.ts';

/** An installed question bank at its pinned version, with the roles it offers. */
export interface InstalledBank {
  pluginId: string;
  name: string;
  version: string;
  roles: { id: string; title: string }[];
}

/**
 * The tenant's installed banks (from /roles, which any staff role may read) and the manifests of
 * the banks a design selects, loaded once each; `load` fetches another one on demand.
 */
export function useBanks(design: PositionDesign) {
  const [installed, setInstalled] = useState<InstalledBank[] | null>(null);
  const [manifests, setManifests] = useState<Map<string, BankManifest>>(() => new Map());
  const [error, setError] = useState<unknown>(null);
  const requested = useRef(new Set<string>());

  useEffect(() => {
    let live = true;
    api.roles().then(
      (page) => {
        if (!live) return;
        const byId = new Map<string, InstalledBank>();
        for (const r of page.items) {
          const bank = byId.get(r.plugin.id) ?? {
            pluginId: r.plugin.id,
            name: r.plugin.name,
            version: r.plugin.version,
            roles: [],
          };
          bank.roles.push({ id: r.id, title: r.title });
          byId.set(r.plugin.id, bank);
        }
        setInstalled([...byId.values()].sort((a, b) => a.name.localeCompare(b.name)));
      },
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);

  const load = useCallback((pluginId: string, version: string) => {
    const key = manifestKey(pluginId, version);
    if (requested.current.has(key)) return;
    requested.current.add(key);
    api.bankManifest(pluginId, version).then(
      (manifest) => setManifests((prev) => new Map(prev).set(key, manifest)),
      (err) => {
        requested.current.delete(key);
        setError(err);
      },
    );
  }, []);

  const versions = useMemo(() => new Map((installed ?? []).map((b) => [b.pluginId, b.version])), [installed]);

  useEffect(() => {
    for (const selection of design.banks) {
      const version = selectionVersion(selection, versions);
      if (version) load(selection.pluginId, version);
    }
  }, [design.banks, versions, load]);

  return { installed, versions, manifests, load, error };
}
