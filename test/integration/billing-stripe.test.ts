import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reconcileUsage } from '../../src/billing/index.ts';
import { withTenant } from '../../src/db/index.ts';
import { createHarness, type Harness, type TestTenant } from '../helpers/harness.ts';
import { runInterview, startInterview } from '../helpers/interview.ts';
import { type StripeStandIn, startStripeStandIn } from '../helpers/stripe-stand-in.ts';

/**
 * Billing against a local stand-in that speaks Stripe's REST wire format (form-encoded requests,
 * Stripe's JSON objects and errors, signed webhook events): the product's real `stripe` client
 * is pointed at it, and the stand-in calls the product's webhook route over HTTP.
 */

let h: Harness;
let stripe: StripeStandIn;
let server: ReturnType<typeof serve>;
let webhookUrl: string;

beforeAll(async () => {
  stripe = await startStripeStandIn({
    prices: [
      { lookupKey: 'starter_monthly', unitAmount: 9900, productName: 'Starter' },
      { lookupKey: 'growth_monthly', unitAmount: 49900, productName: 'Growth' },
      { lookupKey: 'enterprise_monthly', unitAmount: 199900, productName: 'Enterprise' },
      { lookupKey: 'interviews_metered', unitAmount: 300, productName: 'Interviews', usageType: 'metered' },
    ],
  });
  h = await createHarness({
    STRIPE_SECRET_KEY: stripe.apiKey,
    STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
    STRIPE_API_URL: stripe.baseUrl,
  });
  server = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  webhookUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/billing/webhook`;
  stripe.setWebhookUrl(webhookUrl);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await stripe.close();
});

const account = async (t: TestTenant) =>
  (await h.request('GET', '/api/v1/billing', { token: t.token })).body as {
    plan: { id: string };
    status: string;
    nextInvoiceAt: string | null;
    usage: { quota: string; used: number; limit: number | null }[];
  };

/** Check out `plan` as the owner and follow the Checkout URL as the browser would. */
async function subscribe(t: TestTenant, plan = 'growth') {
  const res = await h.request('POST', '/api/v1/billing/checkout', { token: t.token, body: { plan } });
  expect(res.status, res.text).toBe(200);
  const page = await fetch(res.body.url, { redirect: 'manual' });
  expect(page.status).toBe(303);
  await stripe.settled();
  return { url: res.body.url as string, redirect: page.headers.get('location')! };
}

const customerOf = (t: TestTenant) =>
  [...stripe.customers.values()].filter((c) => (c.metadata as Record<string, string>)['tenant_id'] === t.id);

const subscriptionOf = (t: TestTenant) => {
  const [customer] = customerOf(t);
  return [...stripe.subscriptions.values()].find((s) => s.customer === customer?.id)!;
};

/** Send a signed event as Stripe would, with any signature header. */
const post = (payload: string, signature?: string) =>
  fetch(webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
    body: payload,
  });

describe('checkout', () => {
  it('creates the tenant’s customer once, subscribes, and the account follows Stripe’s events', async () => {
    const t = await h.signUp();
    const hook = await h.request('POST', '/api/v1/webhooks', {
      token: t.token,
      body: { url: 'http://hooks.invalid/hook', events: ['billing.plan_changed'] },
    });
    expect(hook.status).toBe(201);
    // two checkouts (a user who came back): one customer
    const first = await h.request('POST', '/api/v1/billing/checkout', {
      token: t.token,
      body: { plan: 'starter' },
    });
    expect(first.status).toBe(200);
    const { redirect } = await subscribe(t, 'growth');
    expect(customerOf(t)).toHaveLength(1);
    const created = stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    const last = created.at(-1)!.body as Record<string, unknown>;
    expect(last['client_reference_id']).toBe(t.id);
    expect(last['mode']).toBe('subscription');
    // the metered price takes no quantity
    expect(last['line_items']).toEqual([
      { price: stripe.priceId('growth_monthly'), quantity: '1' },
      { price: stripe.priceId('interviews_metered') },
    ]);
    expect(redirect).toContain('/billing?checkout=success');
    // a second subscription would bill twice: a plan change goes through the portal
    const again = await h.request('POST', '/api/v1/billing/checkout', {
      token: t.token,
      body: { plan: 'enterprise' },
    });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'already_subscribed', plan: 'growth' });

    const after = await account(t);
    expect(after).toMatchObject({ plan: { id: 'growth' }, status: 'active' });
    expect(after.nextInvoiceAt).not.toBeNull();
    expect(after.usage.find((u) => u.quota === 'seats')!.limit).toBe(25);
    const rows = await withTenant(h.orm, t.id, (em) =>
      em.execute<{ action: string; data: { to: { plan: string } } }[]>(
        "select action, data from audit_events where actor_kind = 'stripe'",
      ),
    );
    expect(rows.map((r) => [r.action, r.data.to.plan])).toEqual([['billing.plan_changed', 'growth']]);
    const deliveries = await withTenant(h.orm, t.id, (em) =>
      em.execute<{ payload: { data: Record<string, unknown> } }[]>(
        `select payload from webhook_deliveries where event_type = 'billing.plan_changed'`,
      ),
    );
    expect(deliveries.map((d) => d.payload.data)).toEqual([
      expect.objectContaining({
        plan: 'growth',
        status: 'active',
        previousPlan: 'trial',
        previousStatus: 'trialing',
      }),
    ]);
  });

  it('the portal opens for the tenant’s own customer', async () => {
    const t = await h.signUp();
    const res = await h.request('POST', '/api/v1/billing/portal', { token: t.token });
    expect(res.status).toBe(200);
    const portal = stripe.requests.filter((r) => r.path === '/v1/billing_portal/sessions').at(-1)!;
    expect(portal.body['customer']).toBe(customerOf(t)[0]!.id);
    expect(res.body.url).toContain('/portal/');
  });
});

describe('the webhook', () => {
  it('refuses a missing, forged or stale signature (400) and changes nothing', async () => {
    const t = await h.signUp();
    await subscribe(t, 'starter');
    const sub = subscriptionOf(t);
    const event = JSON.stringify({
      id: 'evt_forged',
      object: 'event',
      type: 'customer.subscription.deleted',
      created: Math.floor(Date.now() / 1000),
      data: { object: { ...sub, status: 'canceled' } },
    });
    const client = new Stripe('sk_test_unused');
    const forged = client.webhooks.generateTestHeaderString({ payload: event, secret: 'whsec_not_ours' });
    const stale = client.webhooks.generateTestHeaderString({
      payload: event,
      secret: stripe.webhookSecret,
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    for (const signature of [undefined, forged, stale, 't=1,v1=abc']) {
      const res = await post(event, signature);
      expect(res.status).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe('invalid_signature');
    }
    expect(await account(t)).toMatchObject({ plan: { id: 'starter' }, status: 'active' });
  });

  it('applies each event once, and an older subscription state never overwrites a newer one', async () => {
    const t = await h.signUp();
    await subscribe(t, 'starter');
    const sub = subscriptionOf(t);
    const now = Math.floor(Date.now() / 1000);
    const upgraded = {
      ...sub,
      items: {
        ...sub.items,
        data: sub.items.data.map((i) => ({
          ...i,
          price: stripe.prices.get(stripe.priceId('growth_monthly'))!,
        })),
      },
    };
    expect(await stripe.emit('customer.subscription.updated', upgraded, { created: now + 10 })).toBe(200);
    // delivered late: the state from before the upgrade
    expect(await stripe.emit('customer.subscription.updated', sub, { created: now + 5 })).toBe(200);
    expect(await account(t)).toMatchObject({ plan: { id: 'growth' } });
    // the same event again (Stripe retries): applied once
    const replay = stripe.events.at(-2)!;
    const payload = JSON.stringify(replay);
    const signature = new Stripe('sk_test_unused').webhooks.generateTestHeaderString({
      payload,
      secret: stripe.webhookSecret,
    });
    const again = await post(payload, signature);
    expect(again.status).toBe(200);
    expect(((await again.json()) as { outcome: string }).outcome).toBe('duplicate');
    const changes = await withTenant(h.orm, t.id, (em) =>
      em.execute<{ n: string }[]>(
        `select count(*) n from audit_events where action = 'billing.plan_changed'`,
      ),
    );
    expect(Number(changes[0]!.n)).toBe(2); // trial → starter, starter → growth
  });

  it('payment failed: past due; paid: active again; deleted: the free plan', async () => {
    const t = await h.signUp();
    await subscribe(t, 'starter');
    const sub = subscriptionOf(t);
    const invoice = {
      id: 'in_1',
      object: 'invoice',
      customer: sub.customer,
      subscription: sub.id,
      status: 'open',
    };
    await stripe.emit('invoice.payment_failed', invoice);
    expect((await account(t)).status).toBe('past_due');
    await stripe.emit('invoice.paid', { ...invoice, status: 'paid' });
    expect((await account(t)).status).toBe('active');
    await stripe.emit(
      'customer.subscription.deleted',
      { ...sub, status: 'canceled' },
      { created: Math.floor(Date.now() / 1000) + 60 },
    );
    expect(await account(t)).toMatchObject({ plan: { id: 'free' }, status: 'canceled' });
  });

  it('an event for a customer no tenant has is acknowledged and ignored; A’s events never touch B', async () => {
    const a = await h.signUp();
    const b = await h.signUp();
    await subscribe(a, 'growth');
    const before = await account(b);
    const sub = subscriptionOf(a);
    expect(await stripe.emit('customer.subscription.updated', { ...sub, customer: 'cus_nobody' })).toBe(200);
    expect(await stripe.emit('customer.subscription.deleted', { ...sub, status: 'canceled' })).toBe(200);
    expect(await account(b)).toEqual(before);
    expect((await account(a)).status).toBe('canceled');
  });
});

describe('usage metering', () => {
  it('each completed interview is one meter event, identified by the interview, resent only when missing', async () => {
    const t = await h.signUp();
    await subscribe(t, 'growth');
    const customer = customerOf(t)[0]!.id;
    const started = await startInterview(h, t, { length: 5 });
    // Stripe fails the first meter attempts: the job retries until it goes through
    stripe.failNext('/v1/billing/meter_events', 500, 2);
    await runInterview(
      h,
      t,
      started.interviewId,
      () => 'I would measure the query plan first, then add an index.',
    );
    const reported = async () => {
      for (let i = 0; i < 100; i++) {
        const mine = stripe.meterEvents.filter((m) => m.identifier === started.interviewId);
        if (mine.length) return mine;
        await new Promise((r) => setTimeout(r, 100));
      }
      return [];
    };
    const events = await reported();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      event_name: 'completed_interviews',
      payload: { stripe_customer_id: customer, value: '1' },
    });
    const row = async () =>
      (
        await withTenant(h.orm, t.id, (em) =>
          em.execute<{ reported_at: Date | null; attempts: number }[]>(
            'select reported_at, attempts, last_error from usage_records where interview_id = ?',
            [started.interviewId],
          ),
        )
      )[0]!;
    expect((await row()).reported_at).not.toBeNull();

    // a worker killed after Stripe accepted the event but before it wrote reported_at leaves
    // exactly this: reconciliation sends it again, and Stripe counts the identifier once
    await h.ownerOrm.em
      .fork()
      .execute(
        `update usage_records set reported_at = null, completed_at = now() - interval '1 hour' where interview_id = ?`,
        [started.interviewId],
      );
    expect(await reconcileUsage(h.orm, h.services.jobs, 600)).toBeGreaterThanOrEqual(1);
    for (let i = 0; i < 100 && (await row()).reported_at === null; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await row()).toMatchObject({ last_error: null });
    expect((await row()).reported_at).not.toBeNull();
    expect(stripe.meterEvents.filter((m) => m.identifier === started.interviewId)).toHaveLength(1);
  });
});
