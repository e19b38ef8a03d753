import { type ReactNode, useEffect, useState } from 'react';
import { api, type Billing, type BillingPlan, formatDay, QUOTA_LABELS, type Quota } from '../../api.ts';
import { StatusBadge } from '../../components/Badges.tsx';
import { FormError } from '../../components/Form.tsx';
import { UsageChart } from '../../components/UsageChart.tsx';
import { roleAtLeast, useDashboard, useTitle } from '../dashboard-context.ts';

/** The plan a Checkout was opened for (and the one before it), kept for the return to this page. */
const PENDING_KEY = 'aii.checkout';
/**
 * Back from Checkout, the account is read again after each of these pauses (ms) until it shows
 * the new plan: Stripe's webhook may land a moment after the browser is sent back.
 */
const POLL_DELAYS = [500, 1000, 1500, 2000, 3000, 4000];
const DAY = 86_400_000;

type Returned = 'success' | 'cancel' | null;
type Confirmation = 'waiting' | 'done' | 'slow';

/** How the browser came back from Stripe Checkout (`?checkout=success|cancel`), if it did. */
function checkoutReturn(): Returned {
  const value = new URLSearchParams(window.location.search).get('checkout');
  return value === 'success' || value === 'cancel' ? value : null;
}

function readPending(): { from: string; to: string } | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as {
      from?: unknown;
      to?: unknown;
    };
    return value && typeof value.from === 'string' && typeof value.to === 'string'
      ? { from: value.from, to: value.to }
      : null;
  } catch {
    return null;
  }
}

/** A plan for sale that the tenant holds with a running (or trialing) subscription. */
const onPaidPlan = (o: Billing) => o.plans.some((p) => p.id === o.plan.id) && o.status !== 'canceled';

/** The account shows the plan just bought (any paid plan when we do not know which). */
function checkoutApplied(o: Billing, target: string | undefined): boolean {
  if (!o.enabled) return true;
  const running = o.status === 'active' || o.status === 'trialing';
  return running && (target ? o.plan.id === target : onPaidPlan(o));
}

/** The Billing page: owners and admins see the whole account, other members the plan only. */
export function BillingPage() {
  useTitle('Billing');
  const { me } = useDashboard();
  return roleAtLeast(me.role, 'admin') ? <BillingAccount owner={me.role === 'owner'} /> : <PlanOnly />;
}

function PageHead({
  intro = 'Your plan, what it allows and how much of it is in use.',
  children,
}: {
  intro?: string;
  children?: ReactNode;
}) {
  return (
    <div className="page-head">
      <div>
        <h1 tabIndex={-1}>Billing</h1>
        <p className="muted">{intro}</p>
      </div>
      {children}
    </div>
  );
}

/** Recruiters and viewers: the plan and its status (GET /billing/plan). */
function PlanOnly() {
  const [plan, setPlan] = useState<BillingPlan | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.billingPlan().then(
      (p) => live && setPlan(p),
      (err) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <>
      <PageHead intro="The plan your organisation is on." />
      <FormError error={error} />
      {plan ? (
        <section className="card narrow" aria-labelledby="plan-heading" data-testid="billing-plan">
          <h2 id="plan-heading">Your organisation’s plan</h2>
          <p className="plan-line">
            <strong data-testid="plan-name">{plan.plan.name}</strong> <StatusBadge value={plan.status} />
          </p>
          <p className="muted">
            {plan.enabled
              ? 'Usage, invoices and changes of plan are for owners and admins: ask an owner to change the plan.'
              : 'Billing is off: every limit is unlimited.'}
          </p>
        </section>
      ) : error ? null : (
        <p role="status">Loading…</p>
      )}
    </>
  );
}

/** Owners and admins: plan, status, period, usage, the plans for sale (owners buy and manage). */
function BillingAccount({ owner }: { owner: boolean }) {
  const [returned] = useState(checkoutReturn);
  const [overview, setOverview] = useState<Billing | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(
    returned === 'success' ? 'waiting' : null,
  );
  /** the plan whose Checkout is opening, or 'portal' */
  const [busy, setBusy] = useState<string | null>(null);
  const [actionError, setActionError] = useState<unknown>(null);

  // The return address served its purpose: a reload should not confirm the payment again.
  useEffect(() => {
    if (!returned) return;
    window.history.replaceState(null, '', '/billing');
    if (returned === 'cancel') sessionStorage.removeItem(PENDING_KEY);
  }, [returned]);

  // Back from Stripe with the browser's back button (page restored from its cache): buttons work again.
  useEffect(() => {
    const restored = (e: PageTransitionEvent) => {
      if (e.persisted) setBusy(null);
    };
    window.addEventListener('pageshow', restored);
    return () => window.removeEventListener('pageshow', restored);
  }, []);

  useEffect(() => {
    let live = true;
    let timer: number | undefined;
    let attempt = 0;
    const target = returned === 'success' ? readPending()?.to : undefined;
    const read = async () => {
      try {
        const o = await api.billing();
        if (!live) return;
        setOverview(o);
        setLoadError(null);
        if (returned !== 'success') return;
        if (checkoutApplied(o, target)) {
          sessionStorage.removeItem(PENDING_KEY);
          setConfirmation('done');
          return;
        }
        const delay = POLL_DELAYS[attempt++];
        if (delay === undefined) setConfirmation('slow');
        else timer = window.setTimeout(read, delay);
      } catch (err) {
        if (!live) return;
        setLoadError(err);
        setConfirmation((c) => (c === 'waiting' ? 'slow' : c));
      }
    };
    void read();
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [returned]);

  const go = async (
    key: string,
    open: () => Promise<{ url: string }>,
    pending?: { from: string; to: string },
  ) => {
    setBusy(key);
    setActionError(null);
    try {
      const { url } = await open();
      if (pending) sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
      window.location.assign(url);
    } catch (err) {
      setActionError(err);
      setBusy(null);
    }
  };
  const openPortal = () => go('portal', api.billingPortal);

  if (!overview) {
    return (
      <>
        <PageHead />
        {loadError ? <FormError error={loadError} /> : <p role="status">Loading…</p>}
      </>
    );
  }

  if (!overview.enabled) {
    return (
      <>
        <PageHead />
        <p className="alert info" data-testid="billing-off">
          Billing is off: no payment provider is configured, so there is no plan to buy and every limit is
          unlimited.
        </p>
        <section className="card" aria-labelledby="usage-heading">
          <h2 id="usage-heading">Usage</h2>
          <UsageChart usage={overview.usage} />
        </section>
      </>
    );
  }

  const o = overview;
  const subscribed = onPaidPlan(o);
  const currentRank = o.plans.findIndex((p) => p.id === o.plan.id);
  const quotas: Quota[] = o.usage.map((u) => u.quota);

  return (
    <>
      <PageHead>
        {owner ? (
          <button type="button" className="button secondary" onClick={openPortal} disabled={busy !== null}>
            {busy === 'portal' ? 'Opening…' : 'Manage billing'}
          </button>
        ) : null}
      </PageHead>
      <CheckoutResult returned={returned} confirmation={confirmation} planName={o.plan.name} />
      <FormError error={actionError} />
      {loadError ? <FormError error={loadError} /> : null}
      <StatusBanners o={o} owner={owner} />

      <section className="card" aria-labelledby="plan-heading" data-testid="billing-plan">
        <h2 id="plan-heading">Your plan</h2>
        <div className="summary-grid">
          <div className="stat">
            <span className="stat-label">Plan</span>
            <span className="stat-value small" data-testid="plan-name">
              {o.plan.name}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Status</span>
            <span className="stat-value small" data-testid="plan-status">
              <StatusBadge value={o.status} />
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">{o.status === 'trialing' ? 'Trial period' : 'Billing period'}</span>
            <span className="stat-value small" data-testid="plan-period">
              {o.period ? `${formatDay(o.period.start)} – ${formatDay(o.period.end)}` : '—'}
            </span>
          </div>
          <div className="stat">
            <span className="stat-label">Next invoice</span>
            <span className="stat-value small">
              {o.nextInvoiceAt ? formatDay(o.nextInvoiceAt) : 'None scheduled'}
            </span>
          </div>
        </div>
        <ul className="plan-features">
          <li>AI evaluator (LLM): {o.plan.features.llmEvaluator ? 'included' : 'not included'}</li>
          <li>ATS connections: {o.plan.features.atsConnections ? 'included' : 'not included'}</li>
        </ul>
        {owner ? null : <p className="muted">Only an owner can change the plan or the payment details.</p>}
      </section>

      <section className="card" aria-labelledby="usage-heading">
        <h2 id="usage-heading">Usage</h2>
        <UsageChart usage={o.usage} />
      </section>

      <section className="card" aria-labelledby="plans-heading">
        <h2 id="plans-heading">Plans</h2>
        {owner && subscribed ? (
          <p className="muted">
            Your subscription is running: a change of plan is made in Stripe’s billing portal, prorated to the
            day.
          </p>
        ) : null}
        <ul className="cards">
          {o.plans.map((p, i) => {
            const current = p.id === o.plan.id;
            const label = i > currentRank ? `Upgrade to ${p.name}` : `Choose ${p.name}`;
            return (
              <li key={p.id} className={`plan-card${current ? ' current' : ''}`} data-plan-id={p.id}>
                <h3>{p.name}</h3>
                <ul className="plan-limits">
                  {quotas.map((q) => (
                    <li key={q}>{limitText(q, p.limits[q] ?? null)}</li>
                  ))}
                </ul>
                {current ? (
                  <span className="badge status-active">Current plan</span>
                ) : owner ? (
                  <button
                    type="button"
                    className="button"
                    disabled={busy !== null}
                    onClick={() =>
                      subscribed
                        ? openPortal()
                        : go(p.id, () => api.checkout(p.id), { from: o.plan.id, to: p.id })
                    }
                  >
                    {busy === p.id ? 'Opening checkout…' : label}
                  </button>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </>
  );
}

/** "300 interviews a billing period", "Unlimited team members". */
function limitText(quota: Quota, limit: number | null): string {
  const labels = QUOTA_LABELS[quota];
  return limit === null ? `Unlimited ${labels.many}` : `${limit} ${limit === 1 ? labels.one : labels.many}`;
}

/** What came of Stripe Checkout, once back on this page. */
function CheckoutResult({
  returned,
  confirmation,
  planName,
}: {
  returned: Returned;
  confirmation: Confirmation | null;
  planName: string;
}) {
  let text = '';
  if (returned === 'cancel') text = 'Checkout was canceled: nothing was charged and your plan is unchanged.';
  else if (confirmation === 'waiting') text = 'Thank you: your payment went through. Updating your plan…';
  else if (confirmation === 'done') text = `Thank you: you are now on the ${planName} plan.`;
  else if (confirmation === 'slow')
    text =
      'Thank you: your payment went through. Stripe has not confirmed the new plan yet; reload this page in a minute.';
  return (
    <div role="status" data-testid="checkout-result">
      {text ? (
        <p
          className={`alert ${confirmation === 'done' ? 'ok' : 'info'}`}
          data-state={confirmation ?? returned}
        >
          {text}
        </p>
      ) : null}
    </div>
  );
}

/** The account's state in a sentence: trial ending, payment overdue, no subscription, ending. */
function StatusBanners({ o, owner }: { o: Billing; owner: boolean }) {
  const banners: { kind: string; tone: 'info' | 'warn'; text: string }[] = [];
  if (o.status === 'trialing' && o.trialEnd) {
    const days = Math.max(0, Math.ceil((Date.parse(o.trialEnd) - Date.now()) / DAY));
    const left = days === 0 ? 'today' : `${days} day${days === 1 ? '' : 's'} left`;
    const what = o.plan.id === 'trial' ? 'Your free trial' : `The trial of your ${o.plan.name} plan`;
    const next =
      o.plan.id === 'trial'
        ? owner
          ? ' Choose a plan below to keep going after it.'
          : ' An owner can choose a plan to keep going after it.'
        : ' The first invoice follows.';
    banners.push({
      kind: 'trial',
      tone: 'info',
      text: `${what} ends on ${formatDay(o.trialEnd)} (${left}).${next}`,
    });
  }
  if (o.status === 'past_due' && o.pastDue) {
    const grace = o.pastDue.graceEndsAt;
    const paused = !grace || Date.parse(grace) <= Date.now();
    const stop = paused
      ? `New interviews are paused${grace ? ` since ${formatDay(grace)}` : ''} until it is paid.`
      : `New interviews stop on ${formatDay(grace)} unless it is paid.`;
    const fix = owner ? ' Update the card in Manage billing.' : ' An owner can update the card.';
    banners.push({
      kind: 'past-due',
      tone: 'warn',
      text: `Payment is overdue since ${formatDay(o.pastDue.since)}. ${stop}${fix}`,
    });
  }
  if (o.status === 'canceled') {
    banners.push({
      kind: 'canceled',
      tone: 'warn',
      text: `No subscription is running: you are on the ${o.plan.name} plan and its limits.${
        owner ? ' Choose a plan below to lift them.' : ' An owner can choose a plan.'
      }`,
    });
  }
  if (o.cancelAtPeriodEnd && o.status !== 'canceled') {
    banners.push({
      kind: 'cancel-at-period-end',
      tone: 'info',
      text: `Your subscription is canceled: it ends on ${formatDay(o.period?.end)}, then the Free plan’s limits apply.${
        owner ? ' To keep it, renew it in Manage billing.' : ''
      }`,
    });
  }
  return (
    <>
      {banners.map((b) => (
        <p key={b.kind} className={`alert ${b.tone}`} data-testid={`billing-banner-${b.kind}`}>
          {b.text}
        </p>
      ))}
    </>
  );
}
