import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseStripeForm, type StripeStandIn, startStripeStandIn } from '../helpers/stripe-stand-in.ts';

/** A tiny webhook receiver that verifies every delivery the way the product must: constructEvent on the raw body. */
interface Receiver {
  url: string;
  events: Stripe.Event[];
  rejected: string[];
  /** the status to answer with (default 200) */
  status: number;
  close(): Promise<void>;
}

async function startReceiver(stripe: Stripe, secret: string): Promise<Receiver> {
  const receiver: Omit<Receiver, 'url' | 'close'> = { events: [], rejected: [], status: 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      try {
        receiver.events.push(
          stripe.webhooks.constructEvent(raw, req.headers['stripe-signature'] ?? '', secret),
        );
        res.writeHead(receiver.status).end();
      } catch (err) {
        receiver.rejected.push(String(err));
        res.writeHead(400).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

const SECRET = 'whsec_test_secret_for_the_stand_in';

describe('Stripe stand-in, driven by the real stripe library', () => {
  let standIn: StripeStandIn;
  let stripe: Stripe;
  let receiver: Receiver;

  beforeAll(async () => {
    standIn = await startStripeStandIn({
      webhookSecret: SECRET,
      prices: [
        { lookupKey: 'team_monthly', unitAmount: 4900, productName: 'Team plan' },
        { lookupKey: 'team_yearly', unitAmount: 49000, productName: 'Team plan (yearly)', interval: 'year' },
        { lookupKey: 'interviews_metered', unitAmount: 150, productName: 'Interviews', usageType: 'metered' },
      ],
    });
    stripe = standIn.stripe();
    receiver = await startReceiver(stripe, SECRET);
    standIn.setWebhookUrl(receiver.url);
  });

  afterAll(async () => {
    await standIn.close();
    await receiver.close();
  });

  beforeEach(async () => {
    await standIn.settled();
    receiver.events.length = 0;
    receiver.rejected.length = 0;
    receiver.status = 200;
  });

  it('creates and retrieves a customer; the form body (metadata[tenant]) is parsed', async () => {
    const customer = await stripe.customers.create({
      email: 'owner@acme.test',
      name: 'Acme',
      metadata: { tenant: 'tenant-1' },
    });
    expect(customer.id).toMatch(/^cus_/);
    expect(customer).toMatchObject({
      object: 'customer',
      email: 'owner@acme.test',
      name: 'Acme',
      livemode: false,
    });
    expect(customer.metadata).toEqual({ tenant: 'tenant-1' });

    const sent = standIn.requests.at(-1)!;
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent.headers['stripe-version']).toBe(Stripe.API_VERSION);
    expect(sent.raw).toContain('metadata[tenant]=tenant-1');
    expect(sent.body).toEqual({ email: 'owner@acme.test', name: 'Acme', metadata: { tenant: 'tenant-1' } });

    expect(await stripe.customers.retrieve(customer.id)).toMatchObject({
      id: customer.id,
      email: 'owner@acme.test',
    });
    expect(standIn.customers.get(customer.id)?.metadata).toEqual({ tenant: 'tenant-1' });

    const missing = await stripe.customers.retrieve('cus_nope').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id' });
  });

  it('lists prices by lookup key with the product expanded', async () => {
    const prices = await stripe.prices.list({
      lookup_keys: ['team_monthly', 'interviews_metered', 'unknown_key'],
      active: true,
      expand: ['data.product'],
    });
    expect(prices).toMatchObject({ object: 'list', has_more: false, url: '/v1/prices' });
    expect(prices.data.map((p) => p.lookup_key)).toEqual(['team_monthly', 'interviews_metered']);
    const [team, metered] = prices.data;
    expect(team!.id).toMatch(/^price_/);
    expect(team).toMatchObject({ object: 'price', unit_amount: 4900, currency: 'usd', type: 'recurring' });
    expect(team!.recurring).toMatchObject({ interval: 'month', usage_type: 'licensed', meter: null });
    expect(team!.product).toMatchObject({ object: 'product', name: 'Team plan' });
    expect((team!.product as Stripe.Product).id).toMatch(/^prod_/);
    expect(metered!.recurring).toMatchObject({
      usage_type: 'metered',
      meter: expect.stringMatching(/^mtr_/),
    });

    const sent = standIn.requests.at(-1)!;
    expect(sent.method).toBe('GET');
    expect(sent.query).toEqual({
      lookup_keys: ['team_monthly', 'interviews_metered', 'unknown_key'],
      active: 'true',
      expand: ['data.product'],
    });
  });

  it('runs a subscription checkout: session, signed events to the receiver, redirect to success_url', async () => {
    const customer = await stripe.customers.create({
      email: 'billing@acme.test',
      metadata: { tenant: 'tenant-2' },
    });
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      customer: customer.id,
      client_reference_id: 'tenant-2',
      line_items: [
        { price: standIn.priceId('team_monthly'), quantity: 3 },
        { price: standIn.priceId('interviews_metered') },
      ],
      success_url: 'https://app.test/billing/success?session_id={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://app.test/billing',
      metadata: { tenant: 'tenant-2' },
      subscription_data: { metadata: { tenant: 'tenant-2' } },
    });
    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'subscription',
      status: 'open',
      customer: customer.id,
      client_reference_id: 'tenant-2',
      subscription: null,
      amount_total: 3 * 4900,
    });
    expect(session.url).toBe(`${standIn.baseUrl}/checkout/${session.id}`);
    expect(standIn.requests.at(-1)!.body['line_items']).toEqual([
      { price: standIn.priceId('team_monthly'), quantity: '3' },
      { price: standIn.priceId('interviews_metered') },
    ]);
    expect(standIn.requests.at(-1)!.raw).toContain(`line_items[0][price]=${standIn.priceId('team_monthly')}`);

    const browser = await fetch(session.url!, { redirect: 'manual' });
    expect(browser.status).toBe(303);
    expect(browser.headers.get('location')).toBe(`https://app.test/billing/success?session_id=${session.id}`);

    expect(receiver.rejected).toEqual([]);
    expect(receiver.events.map((e) => e.type)).toEqual([
      'checkout.session.completed',
      'customer.subscription.created',
    ]);
    const [completed, created] = receiver.events as [
      Stripe.CheckoutSessionCompletedEvent,
      Stripe.CustomerSubscriptionCreatedEvent,
    ];
    expect(completed.id).toMatch(/^evt_/);
    expect(completed).toMatchObject({
      object: 'event',
      api_version: Stripe.API_VERSION,
      livemode: false,
      pending_webhooks: 1,
    });
    const sub = created.data.object;
    expect(completed.data.object).toMatchObject({
      id: session.id,
      status: 'complete',
      payment_status: 'paid',
      customer: customer.id,
      subscription: sub.id,
      client_reference_id: 'tenant-2',
      metadata: { tenant: 'tenant-2' },
      url: null,
    });
    expect(sub.id).toMatch(/^sub_/);
    expect(sub).toMatchObject({
      object: 'subscription',
      status: 'active',
      customer: customer.id,
      metadata: { tenant: 'tenant-2' },
    });
    // In this API version the billing period lives on each subscription item, not on the subscription.
    expect(sub).not.toHaveProperty('current_period_end');
    const [seats, usage] = sub.items.data;
    expect(seats).toMatchObject({
      object: 'subscription_item',
      quantity: 3,
      price: { lookup_key: 'team_monthly' },
    });
    expect(usage).toMatchObject({
      price: { lookup_key: 'interviews_metered', recurring: { usage_type: 'metered' } },
    });
    expect(usage).not.toHaveProperty('quantity');
    expect(seats!.current_period_end).toBeGreaterThan(seats!.current_period_start);
    expect(seats!.current_period_end - seats!.current_period_start).toBeGreaterThanOrEqual(28 * 86_400);

    // following the URL again does not complete the session twice
    expect((await fetch(session.url!, { redirect: 'manual' })).status).toBe(303);
    expect(receiver.events).toHaveLength(2);

    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: 'complete',
      subscription: sub.id,
    });
    const expanded = await stripe.checkout.sessions.retrieve(session.id, {
      expand: ['subscription', 'line_items'],
    });
    expect(expanded.subscription).toMatchObject({ id: sub.id, object: 'subscription' });
    expect(expanded.line_items?.data.map((l) => l.quantity)).toEqual([3, null]);
    expect(await stripe.subscriptions.retrieve(sub.id)).toMatchObject({ id: sub.id, status: 'active' });
  });

  it('updates, schedules cancellation and cancels a subscription, posting the updated/deleted events', async () => {
    const { subscription } = await checkout(standIn, stripe, [
      { price: standIn.priceId('team_monthly'), quantity: 1 },
    ]);
    receiver.events.length = 0;
    const item = subscription.items.data[0]!;

    const upgraded = await stripe.subscriptions.update(subscription.id, {
      items: [{ id: item.id, price: standIn.priceId('team_yearly'), quantity: 5 }],
      proration_behavior: 'create_prorations',
    });
    expect(upgraded.items.data[0]).toMatchObject({
      id: item.id,
      quantity: 5,
      price: { lookup_key: 'team_yearly' },
    });
    expect(standIn.requests.at(-1)!.body['items']).toEqual([
      { id: item.id, price: standIn.priceId('team_yearly'), quantity: '5' },
    ]);

    const ending = await stripe.subscriptions.update(subscription.id, { cancel_at_period_end: true });
    expect(ending).toMatchObject({
      status: 'active',
      cancel_at_period_end: true,
      cancel_at: item.current_period_end,
    });

    const canceled = await stripe.subscriptions.cancel(subscription.id);
    expect(canceled).toMatchObject({
      status: 'canceled',
      canceled_at: expect.any(Number),
      ended_at: expect.any(Number),
    });
    expect(standIn.requests.at(-1)!.method).toBe('DELETE');

    await standIn.settled();
    expect(receiver.rejected).toEqual([]);
    expect(receiver.events.map((e) => e.type)).toEqual([
      'customer.subscription.updated',
      'customer.subscription.updated',
      'customer.subscription.deleted',
    ]);
    expect(receiver.events[1]!.data.previous_attributes).toMatchObject({
      cancel_at_period_end: false,
      cancel_at: null,
    });
    expect(receiver.events[0]!.request).toMatchObject({ id: expect.stringMatching(/^req_/) });

    const late = await stripe.subscriptions
      .update(subscription.id, { cancel_at_period_end: false })
      .catch((e: unknown) => e);
    expect(late).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it('starts the subscription trialing when Checkout asks for a trial', async () => {
    const { subscription } = await checkout(
      standIn,
      stripe,
      [{ price: standIn.priceId('team_monthly'), quantity: 1 }],
      {
        trial_period_days: 14,
      },
    );
    expect(subscription.status).toBe('trialing');
    expect(subscription.trial_end! - subscription.trial_start!).toBe(14 * 86_400);
    expect(subscription.items.data[0]!.current_period_end).toBe(subscription.trial_end);
  });

  it('creates a billing portal session whose page links back to return_url', async () => {
    const { customer, subscription } = await checkout(standIn, stripe, [
      { price: standIn.priceId('team_monthly'), quantity: 1 },
    ]);
    receiver.events.length = 0;
    const portal = await stripe.billingPortal.sessions.create({
      customer: customer.id,
      return_url: 'https://app.test/settings/billing',
    });
    expect(portal.id).toMatch(/^bps_/);
    expect(portal).toMatchObject({ object: 'billing_portal.session', customer: customer.id });
    expect(portal.url).toBe(`${standIn.baseUrl}/portal/${portal.id}`);
    const page = await fetch(portal.url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('href="https://app.test/settings/billing"');
    expect(html).toContain(subscription.id);

    // the customer cancels in the portal: cancel at period end, customer.subscription.updated
    const cancel = await fetch(`${portal.url}?cancel=${subscription.id}`, { redirect: 'manual' });
    expect(cancel.status).toBe(303);
    expect(receiver.events.map((e) => e.type)).toEqual(['customer.subscription.updated']);
    expect(receiver.events[0]!.data.object).toMatchObject({
      id: subscription.id,
      cancel_at_period_end: true,
    });
    expect(receiver.events[0]!.data.previous_attributes).toMatchObject({ cancel_at_period_end: false });
  });

  it('sends a customer who leaves Checkout to cancel_url without creating anything', async () => {
    const session = await stripe.checkout.sessions.create({
      mode: 'subscription',
      line_items: [{ price: standIn.priceId('team_monthly'), quantity: 1 }],
      success_url: 'https://app.test/ok',
      cancel_url: 'https://app.test/billing?canceled=1',
    });
    const subscriptions = standIn.subscriptions.size;
    const left = await fetch(`${session.url}?action=cancel`, { redirect: 'manual' });
    expect(left.status).toBe(303);
    expect(left.headers.get('location')).toBe('https://app.test/billing?canceled=1');
    expect(standIn.subscriptions.size).toBe(subscriptions);
    expect(receiver.events).toEqual([]);
    expect((await stripe.checkout.sessions.retrieve(session.id)).status).toBe('open');
  });

  it('records meter events once per identifier and refuses a reused identifier as Stripe does', async () => {
    const before = standIn.meterEvents.length;
    const params = {
      event_name: 'interview_completed',
      identifier: 'interview-42',
      payload: { stripe_customer_id: 'cus_meter', value: '1' },
      timestamp: 1_790_000_000,
    };
    const event = await stripe.billing.meterEvents.create(params);
    expect(event).toEqual({
      object: 'billing.meter_event',
      event_name: 'interview_completed',
      identifier: 'interview-42',
      payload: { stripe_customer_id: 'cus_meter', value: '1' },
      timestamp: 1_790_000_000,
      created: expect.any(Number),
      livemode: false,
    });
    expect(standIn.requests.at(-1)!.body['payload']).toEqual({ stripe_customer_id: 'cus_meter', value: '1' });

    const duplicate = await stripe.billing.meterEvents.create(params).catch((e: unknown) => e);
    expect(duplicate).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(duplicate).toMatchObject({
      statusCode: 400,
      message: expect.stringContaining('An event already exists with identifier interview-42'),
    });

    // a retry of the same request (same Idempotency-Key) is replayed, not refused
    const replayed = await stripe.billing.meterEvents.create(
      { ...params, identifier: 'interview-43' },
      { idempotencyKey: 'meter-interview-43' },
    );
    const again = await stripe.billing.meterEvents.create(
      { ...params, identifier: 'interview-43' },
      { idempotencyKey: 'meter-interview-43' },
    );
    expect(again).toEqual(replayed);
    expect(standIn.meterEvents.slice(before).map((e) => e.identifier)).toEqual([
      'interview-42',
      'interview-43',
    ]);
  });

  it("answers an unknown price with Stripe's error shape (StripeInvalidRequestError, param line_items[0][price])", async () => {
    const error = await stripe.checkout.sessions
      .create({
        mode: 'subscription',
        line_items: [{ price: 'price_missing', quantity: 1 }],
        success_url: 'https://app.test/ok',
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error).toMatchObject({
      statusCode: 400,
      type: 'StripeInvalidRequestError',
      rawType: 'invalid_request_error',
      code: 'resource_missing',
      param: 'line_items[0][price]',
      message: expect.stringContaining("No such price: 'price_missing'"),
    });

    const raw = await fetch(`${standIn.baseUrl}/v1/checkout/sessions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${standIn.apiKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'mode=subscription&line_items[0][price]=price_missing&line_items[0][quantity]=1',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'resource_missing',
        doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
        message: "No such price: 'price_missing'",
        param: 'line_items[0][price]',
      },
    });
  });

  it('rejects a metered line item with a quantity and an unknown parameter', async () => {
    const metered = await stripe.checkout.sessions
      .create({
        mode: 'subscription',
        line_items: [{ price: standIn.priceId('interviews_metered'), quantity: 1 }],
      })
      .catch((e: unknown) => e);
    expect(metered).toMatchObject({ statusCode: 400, param: 'line_items[0][quantity]' });

    const unknown = await stripe.customers
      .create({ email: 'x@acme.test', tenant: 'oops' } as Stripe.CustomerCreateParams)
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'tenant' });
  });

  it('answers 401 for an invalid or missing API key', async () => {
    const error = await standIn
      .stripe('sk_test_wrong_key_123456')
      .customers.create({})
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error).toMatchObject({
      statusCode: 401,
      message: expect.stringContaining('Invalid API Key provided'),
    });

    const raw = await fetch(`${standIn.baseUrl}/v1/customers`, { method: 'POST' });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({
      error: {
        type: 'invalid_request_error',
        message: expect.stringContaining('did not provide an API key'),
      },
    });
  });

  it('failNext makes the next matching request fail, then recovers', async () => {
    standIn.failNext('/v1/customers', 500);
    const error = await stripe.customers.create({ email: 'down@acme.test' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Stripe.errors.StripeAPIError);
    expect(error).toMatchObject({ statusCode: 500 });
    expect((await stripe.customers.create({ email: 'up@acme.test' })).email).toBe('up@acme.test');

    // a dropped connection is retried once by the library even with maxNetworkRetries: 0
    standIn.failNext('/v1/billing/meter_events', 0, 2);
    const unreachable = await stripe.billing.meterEvents
      .create({ event_name: 'interview_completed', payload: { stripe_customer_id: 'cus_x', value: '1' } })
      .catch((e: unknown) => e);
    expect(unreachable).toBeInstanceOf(Stripe.errors.StripeConnectionError);

    standIn.failNext('/v1/prices', 429);
    expect(await stripe.prices.list().catch((e: unknown) => e)).toBeInstanceOf(
      Stripe.errors.StripeRateLimitError,
    );
  });

  it('emit sends one signed event with a chosen created time and returns the receiver status', async () => {
    const customer = await stripe.customers.create({ email: 'emit@acme.test' });
    const status = await standIn.emit('customer.updated', standIn.customers.get(customer.id), {
      created: 1_700_000_000,
    });
    expect(status).toBe(200);
    expect(receiver.events).toHaveLength(1);
    expect(receiver.events[0]).toMatchObject({
      type: 'customer.updated',
      created: 1_700_000_000,
      data: { object: { id: customer.id } },
    });

    receiver.status = 500;
    expect(await standIn.emit('customer.updated', standIn.customers.get(customer.id))).toBe(500);

    const other = await startStripeStandIn({
      prices: [],
      webhookSecret: 'whsec_other',
      webhookUrl: receiver.url,
    });
    try {
      expect(await other.emit('customer.updated', { id: 'cus_x', object: 'customer' })).toBe(400);
      expect(receiver.rejected.at(-1)).toContain('signature');
    } finally {
      await other.close();
    }

    standIn.setWebhookUrl('http://127.0.0.1:9/unreachable');
    try {
      expect(await standIn.emit('customer.updated', { id: customer.id })).toBe(0);
    } finally {
      standIn.setWebhookUrl(receiver.url);
    }
  });
});

describe('parseStripeForm', () => {
  it('parses bracket notation into nested objects and arrays', () => {
    expect(
      parseStripeForm(
        'line_items[0][price]=price_a&line_items[0][quantity]=2&line_items[1][price]=price_b' +
          '&metadata[tenant]=t%201&expand[]=data.product&expand[]=data.x&lookup_keys[0]=a+b&email=',
      ),
    ).toEqual({
      line_items: [{ price: 'price_a', quantity: '2' }, { price: 'price_b' }],
      metadata: { tenant: 't 1' },
      expand: ['data.product', 'data.x'],
      lookup_keys: ['a b'],
      email: '',
    });
    expect(parseStripeForm('__proto__[x]=1&a[constructor]=2')).toEqual({});
  });
});

/** Completes a Checkout Session for a new customer and returns the subscription it created. */
async function checkout(
  standIn: StripeStandIn,
  stripe: Stripe,
  lineItems: Stripe.Checkout.SessionCreateParams.LineItem[],
  subscriptionData: Stripe.Checkout.SessionCreateParams.SubscriptionData = {},
) {
  const customer = await stripe.customers.create({ email: 'sub@acme.test' });
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: customer.id,
    line_items: lineItems,
    success_url: 'https://app.test/ok',
    subscription_data: subscriptionData,
  });
  await fetch(session.url!, { redirect: 'manual' });
  const completed = await stripe.checkout.sessions.retrieve(session.id);
  const subscription = standIn.subscriptions.get(String(completed.subscription))!;
  return { customer, session: completed, subscription };
}
