import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { api, formatDate, type Position, request } from '../../api.ts';
import type { components } from '../../api-types.ts';
import { FormError } from '../../components/Form.tsx';
import { ImpactRateChart, percent, type RateBar } from '../../components/ImpactRateChart.tsx';
import { downloadFile } from '../../download.ts';
import { roleAtLeast, useDashboard, useTitle } from '../dashboard-context.ts';

type ImpactReport = components['schemas']['AdverseImpactReport'];
type Dimension = ImpactReport['dimensions'][number];
type Category = components['schemas']['ImpactCategory'];
type Rates = components['schemas']['ImpactRates'];
type Metric = 'selection' | 'scoring';

const SEX_LABELS: Record<NonNullable<Category['sex']>, string> = { male: 'Male', female: 'Female' };
const RACE_LABELS: Record<NonNullable<Category['raceEthnicity']>, string> = {
  hispanic_or_latino: 'Hispanic or Latino',
  white: 'White',
  black_or_african_american: 'Black or African American',
  native_hawaiian_or_pacific_islander: 'Native Hawaiian or Pacific Islander',
  asian: 'Asian',
  native_american_or_alaska_native: 'American Indian or Alaska Native',
  two_or_more_races: 'Two or more races',
};
const DIMENSION_LABELS: Record<Dimension['dimension'], string> = {
  sex: 'Sex',
  race_ethnicity: 'Race/ethnicity',
  intersectional: 'Sex × race/ethnicity',
};

const categoryLabel = (c: Category) =>
  [c.sex ? SEX_LABELS[c.sex] : null, c.raceEthnicity ? RACE_LABELS[c.raceEthnicity] : null]
    .filter(Boolean)
    .join(' · ');
const categoryKey = (c: Category) => `${c.sex ?? ''}:${c.raceEthnicity ?? ''}`;
const ratioText = (r: number | null) => (r === null ? '—' : r.toFixed(3));

interface Filters {
  positionId: string;
  from: string;
  to: string;
}

const query = (f: Filters) => ({
  positionId: f.positionId || undefined,
  from: f.from || undefined,
  to: f.to || undefined,
});

/** The CSV download: the same report, saved as a file. */
async function downloadCsv(f: Filters) {
  const url = new URL('/api/v1/compliance/adverse-impact', window.location.origin);
  for (const [k, v] of Object.entries({ ...query(f), format: 'csv' })) if (v) url.searchParams.set(k, v);
  await downloadFile(url, 'adverse-impact.csv', 'text/csv');
}

/** The adverse-impact report (admins and owners): rates and impact ratios from self-identification. */
export function AdverseImpactPage() {
  useTitle('Adverse impact');
  const { me } = useDashboard();
  if (!roleAtLeast(me.role, 'admin')) {
    return (
      <>
        <div className="page-head">
          <h1 tabIndex={-1}>Adverse impact</h1>
        </div>
        <p className="alert info">The adverse-impact report is for admins and owners.</p>
      </>
    );
  }
  return <ImpactReportView />;
}

function ImpactReportView() {
  const ids = useId();
  const [positions, setPositions] = useState<Position[]>([]);
  const [draft, setDraft] = useState<Filters>({ positionId: '', from: '', to: '' });
  const [applied, setApplied] = useState<Filters>(draft);
  const [report, setReport] = useState<ImpactReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [metric, setMetric] = useState<Metric>('selection');
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    api.positions({ limit: 200 }).then(
      (page) => live && setPositions(page.items),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, []);

  const load = useCallback(async (f: Filters, isLive: () => boolean) => {
    setLoading(true);
    setError(null);
    try {
      const r = await request<ImpactReport>('GET', '/compliance/adverse-impact', { query: query(f) });
      if (isLive()) setReport(r);
    } catch (err) {
      if (isLive()) {
        setError(err);
        setReport(null);
      }
    } finally {
      if (isLive()) setLoading(false);
    }
  }, []);

  useEffect(() => {
    let live = true;
    void load(applied, () => live);
    return () => {
      live = false;
    };
  }, [applied, load]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setApplied({ ...draft });
  };

  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      await downloadCsv(applied);
    } catch (err) {
      setDownloadError(err);
    } finally {
      setDownloading(false);
    }
  };

  return (
    <>
      <div className="page-head">
        <div>
          <h1 tabIndex={-1}>Adverse impact</h1>
          <p className="muted">
            Selection and scoring rates by sex, race/ethnicity and both, from candidates’ voluntary
            self-identification, with impact ratios (NYC Local Law 144).
          </p>
        </div>
        <button
          type="button"
          className="button secondary"
          onClick={() => void download()}
          disabled={downloading}
        >
          {downloading ? 'Preparing…' : 'Download CSV'}
        </button>
      </div>
      <FormError error={downloadError} />
      <p className="alert info">
        These are the numbers an independent auditor needs; they are not the bias audit itself. Each candidate
        counts once, by their latest completed interview in the window. Selected: recommended hire or strong
        hire. Scoring rate: the share scoring above the median overall score. Categories under 2 % of the
        candidates are shown but get no ratio; “declined” and “unknown” are counted apart.
      </p>

      <form className="card impact-filters" onSubmit={submit} aria-label="Report filters">
        <div className="field">
          <label htmlFor={`${ids}-position`}>Position</label>
          <select
            id={`${ids}-position`}
            value={draft.positionId}
            onChange={(e) => setDraft({ ...draft, positionId: e.target.value })}
          >
            <option value="">All positions</option>
            {positions.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
                {p.status === 'closed' ? ' (closed)' : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${ids}-from`}>Interviews ended from</label>
          <input
            id={`${ids}-from`}
            type="date"
            value={draft.from}
            max={draft.to || undefined}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${ids}-to`}>to (inclusive)</label>
          <input
            id={`${ids}-to`}
            type="date"
            value={draft.to}
            min={draft.from || undefined}
            onChange={(e) => setDraft({ ...draft, to: e.target.value })}
          />
        </div>
        <div className="impact-filter-actions">
          <button type="submit" className="button">
            Show
          </button>
        </div>
      </form>

      <FormError error={error} />
      {loading && !report ? <p role="status">Loading…</p> : null}
      {report ? <ReportBody report={report} metric={metric} onMetric={setMetric} /> : null}
    </>
  );
}

function ReportBody({
  report,
  metric,
  onMetric,
}: {
  report: ImpactReport;
  metric: Metric;
  onMetric: (m: Metric) => void;
}) {
  const ids = useId();
  return (
    <div data-testid="impact-report">
      <section className="card" aria-label="Summary">
        <div className="summary-grid">
          <div className="stat">
            <span className="stat-label">Candidates</span>
            <span className="stat-value" data-testid="impact-candidates">
              {report.candidates}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Selection rate</span>
            <span className="stat-value small">
              {percent(report.selectionRate)} ({report.selected} selected)
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Median overall score</span>
            <span className="stat-value small">{report.medianScore ?? '—'}</span>
          </div>
          <div className="stat">
            <span className="stat-label">Window</span>
            <span className="stat-value small">
              {report.position ? `${report.position.title} · ` : 'All positions · '}
              {report.from || report.to ? `${report.from ?? '…'} – ${report.to ?? '…'}` : 'all time'}
            </span>
          </div>
        </div>
        <p className="hint">Generated {formatDate(report.generatedAt)}.</p>
      </section>
      {report.candidates === 0 ? (
        <p className="empty">No completed interview in this window.</p>
      ) : (
        <>
          <fieldset className="impact-metric">
            <legend>Rate shown in the charts</legend>
            {(
              [
                ['selection', 'Selection rate (recommended hire or strong hire)'],
                ['scoring', 'Scoring rate (above the median score)'],
              ] as const
            ).map(([value, label]) => (
              <label key={value} htmlFor={`${ids}-${value}`} className="impact-metric-option">
                <input
                  id={`${ids}-${value}`}
                  type="radio"
                  name={`${ids}-metric`}
                  checked={metric === value}
                  onChange={() => onMetric(value)}
                />
                {label}
              </label>
            ))}
          </fieldset>
          {report.dimensions.map((d) => (
            <DimensionSection key={d.dimension} d={d} metric={metric} flagAt={report.impactRatioFlag} />
          ))}
        </>
      )}
    </div>
  );
}

function DimensionSection({ d, metric, flagAt }: { d: Dimension; metric: Metric; flagAt: number }) {
  const heading = `impact-${d.dimension}`;
  const bars: RateBar[] = d.categories.map((c) => ({
    key: categoryKey(c),
    label: categoryLabel(c),
    candidates: c.candidates,
    hits: metric === 'selection' ? c.selected : c.aboveMedian,
    rate: metric === 'selection' ? c.selectionRate : c.scoringRate,
    excluded: c.excluded,
    flagged: metric === 'selection' ? c.selectionFlagged : c.scoringFlagged,
  }));
  const apart = (label: string, r: Rates) => (
    <tr className="impact-apart">
      <th scope="row">{label}</th>
      <td data-label="Candidates">{r.candidates}</td>
      <td data-label="Selected">
        {r.selected} ({percent(r.selectionRate)})
      </td>
      <td data-label="Impact ratio">counted apart</td>
      <td data-label="Above median">
        {r.aboveMedian} ({percent(r.scoringRate)})
      </td>
      <td data-label="Impact ratio">counted apart</td>
    </tr>
  );
  return (
    <section className="card" aria-labelledby={heading} data-dimension={d.dimension}>
      <h2 id={heading}>{DIMENSION_LABELS[d.dimension]}</h2>
      <ImpactRateChart
        title={`${metric === 'selection' ? 'Selection' : 'Scoring'} rate by ${DIMENSION_LABELS[d.dimension].toLowerCase()}`}
        bars={bars}
        reference={metric === 'selection' ? d.highestSelectionRate : d.highestScoringRate}
        flagAt={flagAt}
        testId={`impact-chart-${d.dimension}`}
      />
      <div className="table-wrap">
        <table className="data impact-table">
          <caption className="sr-only">{DIMENSION_LABELS[d.dimension]}: rates and impact ratios</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Candidates</th>
              <th scope="col">Selected</th>
              <th scope="col">Impact ratio</th>
              <th scope="col">Above median</th>
              <th scope="col">Impact ratio</th>
            </tr>
          </thead>
          <tbody>
            {d.categories.map((c) => (
              <tr key={categoryKey(c)} data-category={categoryKey(c)}>
                <th scope="row">
                  {categoryLabel(c)}
                  <span className="sub">
                    {percent(c.share)} of candidates
                    {c.excluded && c.candidates > 0 ? ' · under 2 %, no ratio' : ''}
                  </span>
                </th>
                <td data-label="Candidates">{c.candidates}</td>
                <td data-label="Selected">
                  {c.selected} ({percent(c.selectionRate)})
                </td>
                <td data-label="Impact ratio" className={c.selectionFlagged ? 'impact-flag' : undefined}>
                  {ratioText(c.selectionImpactRatio)}
                  {c.selectionFlagged ? ' ⚑ below 0.8' : ''}
                </td>
                <td data-label="Above median">
                  {c.aboveMedian} ({percent(c.scoringRate)})
                </td>
                <td data-label="Impact ratio" className={c.scoringFlagged ? 'impact-flag' : undefined}>
                  {ratioText(c.scoringImpactRatio)}
                  {c.scoringFlagged ? ' ⚑ below 0.8' : ''}
                </td>
              </tr>
            ))}
            {apart('Declined to answer', d.declined)}
            {apart('Unknown (no answer given)', d.unknown)}
          </tbody>
        </table>
      </div>
    </section>
  );
}
