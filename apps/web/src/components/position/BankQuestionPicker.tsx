import { useEffect, useState } from 'react';
import { type BankManifest, PHASE_LABELS, type Phase, type PositionDesign } from '../../api.ts';
import { manifestKey, questionsToAdd, selectionVersion } from '../../position-design.ts';
import type { InstalledBank } from './useBanks.ts';

interface Props {
  design: PositionDesign;
  installed: InstalledBank[] | null;
  versions: Map<string, string>;
  manifests: Map<string, BankManifest>;
  load: (pluginId: string, version: string) => void;
  onAdd: (pluginId: string, version: string, questionId: string) => void;
}

/** Lists an installed bank's questions the design does not ask yet, to add them one by one. */
export function BankQuestionPicker({ design, installed, versions, manifests, load, onAdd }: Props) {
  const [pluginId, setPluginId] = useState('');
  const [phase, setPhase] = useState<Phase | ''>('');

  useEffect(() => {
    if (pluginId || !installed?.length) return;
    setPluginId(design.banks[0]?.pluginId ?? installed[0]!.pluginId);
  }, [installed, design.banks, pluginId]);

  const selection = design.banks.find((b) => b.pluginId === pluginId);
  const version = selection ? selectionVersion(selection, versions) : versions.get(pluginId);
  useEffect(() => {
    if (pluginId && version) load(pluginId, version);
  }, [pluginId, version, load]);

  if (installed && installed.length === 0)
    return (
      <p className="muted">No question bank is installed: an admin installs them under Question banks.</p>
    );
  const manifest = version ? manifests.get(manifestKey(pluginId, version)) : undefined;
  const available = manifest
    ? questionsToAdd(design, pluginId, manifest).filter((q) => !phase || q.phase === phase)
    : [];

  return (
    <div className="bank-picker">
      <div className="row">
        <label className="inline-field">
          Bank
          <select value={pluginId} onChange={(e) => setPluginId(e.target.value)} disabled={!installed}>
            {installed?.map((b) => (
              <option key={b.pluginId} value={b.pluginId}>
                {b.name}
              </option>
            ))}
          </select>
        </label>
        <label className="inline-field">
          Phase
          <select value={phase} onChange={(e) => setPhase(e.target.value as Phase | '')}>
            <option value="">All</option>
            {(Object.keys(PHASE_LABELS) as Phase[]).map((p) => (
              <option key={p} value={p}>
                {PHASE_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!manifest ? (
        <p role="status" className="muted">
          Loading…
        </p>
      ) : available.length === 0 ? (
        <p className="empty">Every question of this bank{phase ? ' in this phase' : ''} is in the design.</p>
      ) : (
        <ul className="bank-question-list">
          {available.map((q) => (
            <li key={q.id}>
              <div>
                <p className="dq-text">{q.text}</p>
                <p className="sub">
                  {PHASE_LABELS[q.phase]} · difficulty {q.difficulty}
                </p>
              </div>
              <button
                type="button"
                className="button secondary small"
                onClick={() => version && onAdd(pluginId, version, q.id)}
              >
                Add<span className="sr-only"> “{q.text.slice(0, 60)}”</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
