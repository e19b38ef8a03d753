import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';

/**
 * A local stand-in for the Stripe REST API (v1): a node:http server on 127.0.0.1 that the real
 * `stripe` library talks to. It speaks Stripe's wire format — form-encoded requests with bracket
 * notation in, Stripe-shaped JSON objects, lists and errors out — keeps customers, prices,
 * Checkout Sessions, subscriptions and meter events in memory, and posts signed webhook events
 * the way Stripe does. Object shapes follow the library's types (generated from Stripe's OpenAPI
 * spec for the pinned API version) and the spec's fixtures; the `Wire<T>` annotations make tsc
 * check that every required field is present.
 */

/** Stripe's objects as they travel as JSON: the library turns decimal strings into Decimal. */
export type Wire<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends Stripe.Decimal
    ? string
    : T extends (infer U)[]
      ? Wire<U>[]
      : T extends object
        ? { [K in keyof T]: Wire<T[K]> }
        : T;

/** A parsed `application/x-www-form-urlencoded` value: `a[b][0]=x` → `{ a: { b: ['x'] } }`. */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue | undefined;
}

export interface PriceSpec {
  lookupKey: string;
  /** minor units (cents); for a metered price, per unit of usage */
  unitAmount: number;
  productName: string;
  /** default 'usd' */
  currency?: string;
  /** default 'month' */
  interval?: 'day' | 'week' | 'month' | 'year';
  /** default 'licensed' */
  usageType?: 'licensed' | 'metered';
  /** the billing meter a metered price bills (Stripe requires one); default a generated mtr_ id */
  meter?: string;
  /** default a generated price_ id */
  id?: string;
  /** default true */
  active?: boolean;
}

export interface StripeStandInOptions {
  prices: PriceSpec[];
  /** where signed events are POSTed; without it events are only recorded in `events` */
  webhookUrl?: string;
  /** default 'whsec_stand_in' */
  webhookSecret?: string;
  /** the one secret key accepted as `Authorization: Bearer …`; default 'sk_test_stand_in' */
  apiKey?: string;
  /** subscriptions created by Checkout start 'trialing' for this many days (default: no trial) */
  trialDays?: number;
  /** the clock, in Unix seconds (default: the real one) */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  /** path without the query string */
  path: string;
  /** the parsed query string (GET and DELETE carry their params here) */
  query: FormObject;
  /** the parsed form body (POST) */
  body: FormObject;
  raw: string;
  headers: IncomingMessage['headers'];
  /** the HTTP status answered (0: the connection was dropped) */
  status: number;
}

export interface StripeEventWire {
  id: string;
  object: 'event';
  api_version: string | null;
  created: number;
  data: { object: unknown; previous_attributes?: Record<string, unknown> };
  livemode: boolean;
  pending_webhooks: number;
  request: { id: string | null; idempotency_key: string | null };
  type: Stripe.Event.Type;
}

export interface WebhookDelivery {
  event: StripeEventWire;
  url: string;
  /** the receiver's HTTP status (0: not reached) */
  status: number;
  error?: string;
}

export interface StripeStandIn {
  baseUrl: string;
  host: string;
  port: number;
  protocol: 'http';
  apiKey: string;
  webhookSecret: string;
  apiVersion: string;
  requests: RecordedRequest[];
  customers: Map<string, Wire<Stripe.Customer>>;
  prices: Map<string, Wire<Stripe.Price>>;
  checkoutSessions: Map<string, Wire<Stripe.Checkout.Session>>;
  /** stored objects: mutate one and `emit` it to simulate a change made on Stripe's side */
  subscriptions: Map<string, Wire<Stripe.Subscription>>;
  /** accepted meter events, each identifier once */
  meterEvents: Wire<Stripe.Billing.MeterEvent>[];
  /** every event generated, delivered or not */
  events: StripeEventWire[];
  deliveries: WebhookDelivery[];
  /** the id of the configured price with this lookup key */
  priceId(lookupKey: string): string;
  /** a real Stripe client pointed at the stand-in (no retries, no telemetry) */
  stripe(key?: string, config?: Stripe.StripeConfig): Stripe;
  /** sends one signed event to the webhook URL now; resolves to the receiver's status (0: unreachable) */
  emit(type: Stripe.Event.Type, object: unknown, options?: EmitOptions): Promise<number>;
  setWebhookUrl(url: string | undefined): void;
  /**
   * The next `times` requests whose path starts with `pathPrefix` fail with `status` (500: an
   * api_error, 429: rate_limit, 0: the connection is dropped). The library retries a dropped
   * connection once even with maxNetworkRetries: 0, so use times: 2 to make it throw.
   */
  failNext(pathPrefix: string, status: number, times?: number): void;
  /** resolves once every webhook queued by an API call (subscription update/cancel) was delivered */
  settled(): Promise<void>;
  close(): Promise<void>;
}

export interface EmitOptions {
  /** the event's `created` (seconds); set it to test out-of-order delivery */
  created?: number;
  previousAttributes?: Record<string, unknown>;
}

/** Parses a Stripe form body or query string, bracket notation included. */
export function parseStripeForm(encoded: string): FormObject {
  const root: FormObject = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    const path = m ? [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!)] : [key];
    if (path.some((p) => p === '__proto__' || p === 'constructor' || p === 'prototype')) continue;
    assign(root, path, value);
  }
  return root;
}

function assign(container: FormObject | FormValue[], path: string[], value: string): void {
  const [head, ...rest] = path as [string, ...string[]];
  const key = Array.isArray(container) ? (head === '' ? container.length : Number(head)) : head;
  const read = () => (Array.isArray(container) ? container[key as number] : container[key as string]);
  const write = (v: FormValue) => {
    if (Array.isArray(container)) container[key as number] = v;
    else container[key as string] = v;
  };
  if (rest.length === 0) {
    write(value);
    return;
  }
  let child = read();
  if (child === undefined || typeof child === 'string') {
    child = rest[0] === '' || /^\d+$/.test(rest[0]!) ? [] : {};
    write(child);
  }
  assign(child, rest, value);
}

const DEFAULT_API_KEY = 'sk_test_stand_in';
const DEFAULT_WEBHOOK_SECRET = 'whsec_stand_in';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let s = '';
  for (const b of bytes) s += ALNUM[b % ALNUM.length];
  return `${prefix}${s}`;
}

interface ErrorBody {
  type: 'invalid_request_error' | 'api_error' | 'idempotency_error';
  message: string;
  code?: string;
  param?: string;
  doc_url?: string;
}

/** A Stripe error response: `{ error: { type, code, message, param } }` with its HTTP status. */
class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody,
    readonly headers: Record<string, string> = {},
  ) {
    super(body.message);
  }
}

const docUrl = (code: string) => `https://stripe.com/docs/error-codes/${code.replaceAll('_', '-')}`;

function noSuch(kind: string, id: string, param: string, status = 404): ApiError {
  return new ApiError(status, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    doc_url: docUrl('resource_missing'),
    message: `No such ${kind}: '${id}'`,
    param,
  });
}

function missingParam(param: string): ApiError {
  return new ApiError(400, {
    type: 'invalid_request_error',
    code: 'parameter_missing',
    doc_url: docUrl('parameter_missing'),
    message: `Missing required param: ${param}.`,
    param,
  });
}

function invalid(param: string, message: string, code = 'parameter_invalid'): ApiError {
  return new ApiError(400, { type: 'invalid_request_error', code, doc_url: docUrl(code), message, param });
}

/** Rejects top-level params the endpoint does not take, as Stripe does (`parameter_unknown`). */
function checkKnown(params: FormObject, known: readonly string[], prefix = ''): void {
  for (const key of Object.keys(params)) {
    if (!known.includes(key)) {
      const param = prefix ? `${prefix}[${key}]` : key;
      throw new ApiError(400, {
        type: 'invalid_request_error',
        code: 'parameter_unknown',
        doc_url: docUrl('parameter_unknown'),
        message: `Received unknown parameter: ${param}`,
        param,
      });
    }
  }
}

const words = (s: string): readonly string[] => s.trim().split(/\s+/);

// The parameters each endpoint accepts, from the library's *Params types for this API version.
// Known ones the stand-in does not model are accepted and ignored.
const KNOWN = {
  customerCreate: words(`
    address balance business_name cash_balance description email expand individual_name invoice_prefix
    invoice_settings metadata name next_invoice_sequence payment_method phone preferred_locales shipping
    source tax tax_exempt tax_id_data test_clock validate
  `),
  retrieve: words(`expand`),
  priceList: words(`
    active created currency expand lookup_keys product recurring type limit starting_after ending_before
  `),
  checkoutCreate: words(`
    adaptive_pricing after_expiration allow_promotion_codes allowed_payment_method_types automatic_tax
    billing_address_collection branding_settings cancel_url client_reference_id consent_collection
    currency custom_fields custom_text customer customer_account customer_creation customer_email
    customer_update discounts excluded_payment_method_types expand expires_at integration_identifier
    invoice_creation line_items locale managed_payments metadata mode name_collection optional_items
    origin_context payment_intent_data payment_method_collection payment_method_configuration
    payment_method_data payment_method_options permissions phone_number_collection
    redirect_on_completion return_url saved_payment_method_options setup_intent_data
    shipping_address_collection shipping_options submit_type subscription_data success_url
    tax_id_collection ui_mode wallet_options
  `),
  lineItem: words(`adjustable_quantity metadata price price_data quantity tax_rates`),
  portalCreate: words(`
    after_expiration configuration customer customer_account expand flow_data locale on_behalf_of
    return_url
  `),
  subscriptionUpdate: words(`
    add_invoice_items application_fee_percent automatic_tax billing_cycle_anchor billing_schedules
    billing_thresholds cancel_at cancel_at_period_end cancellation_details collection_method
    days_until_due default_payment_method default_source default_tax_rates description discounts expand
    invoice_settings items metadata off_session on_behalf_of pause_collection payment_behavior
    payment_settings pending_invoice_item_interval proration_behavior proration_date transfer_data
    trial_end trial_from_plan trial_settings
  `),
  subscriptionItem: words(`
    billing_thresholds clear_usage current_trial deleted discounts id metadata plan price price_data
    quantity tax_rates
  `),
  subscriptionCancel: words(`cancellation_details expand invoice_now prorate`),
  subscriptionList: words(`
    automatic_tax collection_method created current_period_end current_period_start customer
    customer_account expand plan price status test_clock limit starting_after ending_before
  `),
  meterEventCreate: words(`event_name payload expand identifier timestamp`),
};

const str = (v: FormValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
const isObj = (v: FormValue | undefined): v is FormObject => typeof v === 'object' && !Array.isArray(v);
const list = (v: FormValue | undefined): FormValue[] => {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined);
  if (isObj(v)) return Object.values(v).filter((x): x is FormValue => x !== undefined);
  return [];
};
const bool = (v: FormValue | undefined, param: string): boolean | undefined => {
  if (v === undefined) return undefined;
  if (v === 'true' || v === 'false') return v === 'true';
  throw invalid(param, `Invalid boolean: ${String(v)}`);
};
const int = (v: FormValue | undefined, param: string): number | undefined => {
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string' || !/^-?\d+$/.test(v)) {
    throw invalid(param, `Invalid integer: ${String(v)}`, 'parameter_invalid_integer');
  }
  return Number(v);
};

/** Applies a `metadata` param onto existing metadata: `''` for a key unsets it, `metadata=''` clears all. */
function mergeMetadata(
  existing: Stripe.Metadata,
  v: FormValue | undefined,
  param = 'metadata',
): Stripe.Metadata {
  if (v === undefined) return existing;
  if (v === '') return {};
  if (!isObj(v)) throw invalid(param, 'Invalid hash');
  const out = { ...existing };
  for (const [key, value] of Object.entries(v)) {
    if (typeof value !== 'string')
      throw invalid(`${param}[${key}]`, 'Invalid string: metadata values are strings');
    if (key.length > 40) throw invalid(`${param}[${key}]`, 'Metadata keys can have up to 40 characters.');
    if (value.length > 500) {
      throw invalid(
        `${param}[${key}]`,
        `Metadata values can have up to 500 characters, but you passed in a value that is ${value.length} characters.`,
      );
    }
    if (value === '') delete out[key];
    else out[key] = value;
  }
  if (Object.keys(out).length > 50) throw invalid(param, 'Metadata can have up to 50 keys.');
  return out;
}

function cancellation(
  reason: 'cancellation_requested' | null,
): Wire<Stripe.Subscription.CancellationDetails> {
  return { comment: null, feedback: null, feedback_option: null, reason };
}

/** `ts` plus `count` intervals, clamping the day to the target month as Stripe's billing does. */
function addInterval(ts: number, interval: string, count = 1): number {
  if (interval === 'day') return ts + 86_400 * count;
  if (interval === 'week') return ts + 7 * 86_400 * count;
  const d = new Date(ts * 1000);
  const months = interval === 'year' ? 12 * count : count;
  const target = new Date(d.getTime());
  target.setUTCDate(1);
  target.setUTCMonth(target.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
  return Math.floor(target.getTime() / 1000);
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

interface Ctx {
  params: FormObject;
  requestId: string;
  idempotencyKey: string | null;
}

interface Route {
  method: string;
  pattern: RegExp;
  handle(ctx: Ctx, ...ids: string[]): unknown;
}

/** Starts the stand-in on an ephemeral port of 127.0.0.1. */
export async function startStripeStandIn(opts: StripeStandInOptions): Promise<StripeStandIn> {
  const apiKey = opts.apiKey ?? DEFAULT_API_KEY;
  const webhookSecret = opts.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
  const apiVersion: string = Stripe.API_VERSION;
  const now = opts.now ?? (() => Math.floor(Date.now() / 1000));
  let webhookUrl = opts.webhookUrl;

  const requests: RecordedRequest[] = [];
  const customers = new Map<string, Wire<Stripe.Customer>>();
  const products = new Map<string, Wire<Stripe.Product>>();
  const prices = new Map<string, Wire<Stripe.Price>>();
  const checkoutSessions = new Map<string, Wire<Stripe.Checkout.Session>>();
  const sessionLineItems = new Map<string, { price: string; quantity: number | null }[]>();
  // the create params of each session, read again when it completes (subscription_data)
  const sessionParams = new Map<string, FormObject>();
  const portalSessions = new Map<string, Wire<Stripe.BillingPortal.Session>>();
  const subscriptions = new Map<string, Wire<Stripe.Subscription>>();
  const meterEvents: Wire<Stripe.Billing.MeterEvent>[] = [];
  const events: StripeEventWire[] = [];
  const deliveries: WebhookDelivery[] = [];
  const idempotent = new Map<string, { method: string; path: string; raw: string; body: string }>();
  const failures: { prefix: string; status: number; times: number }[] = [];
  let deliveryQueue: Promise<void> = Promise.resolve();
  let baseUrl = '';

  const created = now();
  for (const spec of opts.prices) {
    const productId = randomId('prod_', 14);
    const priceId = spec.id ?? randomId('price_1', 23);
    const usageType = spec.usageType ?? 'licensed';
    const interval = spec.interval ?? 'month';
    products.set(productId, {
      id: productId,
      object: 'product',
      active: true,
      created,
      default_price: priceId,
      description: null,
      images: [],
      livemode: false,
      marketing_features: [],
      metadata: {},
      name: spec.productName,
      package_dimensions: null,
      shippable: null,
      statement_descriptor: null,
      tax_code: null,
      tax_details: null,
      type: 'service',
      unit_label: null,
      updated: created,
      url: null,
    });
    prices.set(priceId, {
      id: priceId,
      object: 'price',
      active: spec.active ?? true,
      billing_scheme: 'per_unit',
      created,
      currency: spec.currency ?? 'usd',
      custom_unit_amount: null,
      livemode: false,
      lookup_key: spec.lookupKey,
      metadata: {},
      nickname: null,
      product: productId,
      recurring: {
        interval,
        interval_count: 1,
        meter: usageType === 'metered' ? (spec.meter ?? randomId('mtr_test_', 24)) : null,
        trial_period_days: null,
        usage_type: usageType,
      },
      tax_behavior: 'unspecified',
      tiers_mode: null,
      transform_quantity: null,
      type: 'recurring',
      unit_amount: spec.unitAmount,
      unit_amount_decimal: String(spec.unitAmount),
    });
  }

  function priceOrThrow(id: string | undefined, param: string): Wire<Stripe.Price> {
    if (!id) throw missingParam(param);
    const price = prices.get(id);
    // Stripe answers a missing object named in a create/update param with 400, not 404
    if (!price) throw noSuch('price', id, param, 400);
    return price;
  }

  function customerOrThrow(id: string | undefined, param: string, status = 400): Wire<Stripe.Customer> {
    if (!id) throw missingParam(param);
    const customer = customers.get(id);
    if (!customer) throw noSuch('customer', id, param, status);
    return customer;
  }

  function subscriptionOrThrow(id: string): Wire<Stripe.Subscription> {
    const sub = subscriptions.get(id);
    if (!sub) throw noSuch('subscription', id, 'id');
    return sub;
  }

  function lookup(id: string): unknown {
    for (const store of [customers, products, prices, checkoutSessions, subscriptions, portalSessions]) {
      const found = (store as Map<string, unknown>).get(id);
      if (found) return found;
    }
    return undefined;
  }

  function newCustomer(p: {
    email?: string | null;
    name?: string | null;
    metadata?: FormValue;
  }): Wire<Stripe.Customer> {
    const id = randomId('cus_', 14);
    const customer: Wire<Stripe.Customer> = {
      id,
      object: 'customer',
      address: null,
      balance: 0,
      created: now(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: null,
      discount: null,
      email: p.email ?? null,
      invoice_prefix: randomId('', 8).toUpperCase(),
      invoice_settings: {
        custom_fields: null,
        default_payment_method: null,
        footer: null,
        rendering_options: null,
      },
      livemode: false,
      metadata: mergeMetadata({}, p.metadata),
      name: p.name ?? null,
      next_invoice_sequence: 1,
      phone: null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
      customer_account: null,
    };
    customers.set(id, customer);
    return customer;
  }

  function planOf(price: Wire<Stripe.Price>): Wire<Stripe.Plan> {
    const recurring = price.recurring!;
    return {
      id: price.id,
      object: 'plan',
      active: price.active,
      amount: price.unit_amount,
      amount_decimal: price.unit_amount_decimal,
      billing_scheme: 'per_unit',
      created: price.created,
      currency: price.currency,
      interval: recurring.interval,
      interval_count: recurring.interval_count,
      livemode: false,
      metadata: price.metadata,
      meter: recurring.meter,
      nickname: price.nickname,
      product: typeof price.product === 'string' ? price.product : price.product.id,
      tiers_mode: null,
      transform_usage: null,
      trial_period_days: null,
      usage_type: recurring.usage_type,
    };
  }

  function newItem(
    subscriptionId: string,
    price: Wire<Stripe.Price>,
    quantity: number | undefined,
    period: { start: number; end: number },
  ): Wire<Stripe.SubscriptionItem> {
    const item: Wire<Stripe.SubscriptionItem> = {
      id: randomId('si_', 14),
      object: 'subscription_item',
      billing_thresholds: null,
      created: now(),
      current_period_end: period.end,
      current_period_start: period.start,
      current_trial: null,
      discounts: [],
      metadata: {},
      plan: planOf(price),
      price: structuredClone(price),
      subscription: subscriptionId,
      tax_rates: [],
    };
    // Stripe omits quantity on items of metered prices
    if (price.recurring?.usage_type !== 'metered') item.quantity = quantity ?? 1;
    return item;
  }

  /** Checks a line item / subscription item quantity against the price's usage type. */
  function checkQuantity(
    price: Wire<Stripe.Price>,
    quantity: number | undefined,
    param: string,
    required: boolean,
  ) {
    if (price.recurring?.usage_type === 'metered') {
      if (quantity !== undefined) {
        throw invalid(
          `${param}[quantity]`,
          `Quantity should not be specified where usage_type is \`metered\`. Remove quantity from \`${param}\`.`,
        );
      }
    } else if (quantity === undefined && required) {
      throw missingParam(`${param}[quantity]`);
    } else if (quantity !== undefined && quantity < 0) {
      throw invalid(`${param}[quantity]`, 'This value must be greater than or equal to 0.');
    }
  }

  function newSubscription(
    session: Wire<Stripe.Checkout.Session>,
    customerId: string,
  ): Wire<Stripe.Subscription> {
    const id = randomId('sub_1', 23);
    const start = now();
    const lines = sessionLineItems.get(session.id) ?? [];
    const firstPrice = prices.get(lines[0]?.price ?? '');
    const interval = firstPrice?.recurring?.interval ?? 'month';
    const subData = sessionParams.get(session.id)?.subscription_data;
    const trialDays =
      int(
        isObj(subData) ? subData['trial_period_days'] : undefined,
        'subscription_data[trial_period_days]',
      ) ?? opts.trialDays;
    const trialEnd = trialDays ? start + trialDays * 86_400 : null;
    const period = { start, end: trialEnd ?? addInterval(start, interval) };
    const items = lines.map((l) => newItem(id, prices.get(l.price)!, l.quantity ?? undefined, period));
    const sub: Wire<Stripe.Subscription> = {
      id,
      object: 'subscription',
      application: null,
      application_fee_percent: null,
      automatic_tax: { disabled_reason: null, enabled: false, liability: null },
      billing_cycle_anchor: trialEnd ?? start,
      billing_cycle_anchor_config: null,
      billing_mode: { flexible: { proration_discounts: 'included' }, type: 'flexible', updated_at: start },
      billing_schedules: [],
      billing_thresholds: null,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      cancellation_details: cancellation(null),
      collection_method: 'charge_automatically',
      created: start,
      currency: firstPrice?.currency ?? 'usd',
      customer: customerId,
      customer_account: null,
      days_until_due: null,
      default_payment_method: randomId('pm_1', 23),
      default_source: null,
      default_tax_rates: [],
      description: null,
      discounts: [],
      ended_at: null,
      invoice_settings: {
        account_tax_ids: null,
        custom_fields: null,
        description: null,
        footer: null,
        issuer: { type: 'self' },
      },
      items: {
        object: 'list',
        data: items,
        has_more: false,
        url: `/v1/subscription_items?subscription=${id}`,
      },
      latest_invoice: typeof session.invoice === 'string' ? session.invoice : null,
      livemode: false,
      managed_payments: null,
      metadata: mergeMetadata(
        {},
        isObj(subData) ? subData['metadata'] : undefined,
        'subscription_data[metadata]',
      ),
      next_pending_invoice_item_invoice: null,
      on_behalf_of: null,
      pause_collection: null,
      payment_settings: {
        payment_method_options: null,
        payment_method_types: null,
        save_default_payment_method: 'off',
      },
      pending_invoice_item_interval: null,
      pending_setup_intent: null,
      pending_update: null,
      schedule: null,
      start_date: start,
      status: trialEnd ? 'trialing' : 'active',
      test_clock: null,
      transfer_data: null,
      trial_end: trialEnd,
      trial_settings: {
        end_behavior: { billing_cycle_anchor: null, missing_payment_method: 'create_invoice' },
      },
      trial_start: trialEnd ? start : null,
    };
    subscriptions.set(id, sub);
    return sub;
  }

  function listOf<T extends { id: string }>(all: T[], params: FormObject, url: string) {
    const limit = int(params['limit'], 'limit') ?? 10;
    if (limit < 1 || limit > 100) throw invalid('limit', 'This value must be between 1 and 100.');
    let from = 0;
    const after = str(params['starting_after']);
    const before = str(params['ending_before']);
    if (after) from = all.findIndex((x) => x.id === after) + 1;
    let slice = all.slice(from, from + limit);
    if (before) {
      const end = all.findIndex((x) => x.id === before);
      slice = all.slice(Math.max(0, end - limit), Math.max(0, end));
    }
    return {
      object: 'list' as const,
      data: slice,
      has_more: all.indexOf(slice.at(-1) as T) < all.length - 1,
      url,
    };
  }

  function makeEvent(
    type: Stripe.Event.Type,
    object: unknown,
    extra: { created?: number; previousAttributes?: Record<string, unknown>; request?: Ctx },
  ): StripeEventWire {
    const event: StripeEventWire = {
      id: randomId('evt_1', 23),
      object: 'event',
      api_version: apiVersion,
      created: extra.created ?? now(),
      data: {
        object: structuredClone(object),
        ...(extra.previousAttributes
          ? { previous_attributes: structuredClone(extra.previousAttributes) }
          : {}),
      },
      livemode: false,
      pending_webhooks: webhookUrl ? 1 : 0,
      request: {
        id: extra.request?.requestId ?? null,
        idempotency_key: extra.request?.idempotencyKey ?? null,
      },
      type,
    };
    events.push(event);
    return event;
  }

  /** POSTs one event, signed as Stripe signs: `Stripe-Signature: t=<now>,v1=<HMAC-SHA256(secret, "t.payload")>`. */
  async function deliver(event: StripeEventWire): Promise<number> {
    const url = webhookUrl;
    if (!url) return 0;
    const payload = JSON.stringify(event, null, 2);
    const t = Math.floor(Date.now() / 1000);
    const v1 = createHmac('sha256', webhookSecret).update(`${t}.${payload}`, 'utf8').digest('hex');
    try {
      const res = await fetch(url, {
        method: 'POST',
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(10_000),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': `t=${t},v1=${v1}`,
        },
      });
      await res.arrayBuffer();
      deliveries.push({ event, url, status: res.status });
      return res.status;
    } catch (err) {
      deliveries.push({ event, url, status: 0, error: err instanceof Error ? err.message : String(err) });
      return 0;
    }
  }

  /** Delivers after the API response, in order, as Stripe does (asynchronously). */
  function deliverLater(event: StripeEventWire): void {
    deliveryQueue = deliveryQueue.then(() => deliver(event).then(() => undefined));
  }

  function previousAttributes(before: object, after: object): Record<string, unknown> {
    const prev: Record<string, unknown> = {};
    const b = before as Record<string, unknown>;
    const a = after as Record<string, unknown>;
    for (const key of Object.keys(a)) {
      if (JSON.stringify(b[key]) !== JSON.stringify(a[key])) prev[key] = b[key] ?? null;
    }
    return prev;
  }

  function expand(target: unknown, paths: FormValue | undefined): unknown {
    const all = list(paths);
    if (all.length === 0) return target;
    const out = structuredClone(target);
    for (const [i, p] of all.entries()) {
      if (typeof p !== 'string') throw invalid(`expand[${i}]`, 'Invalid string');
      expandPath(out, p.split('.'), p);
    }
    return out;
  }

  function expandPath(target: unknown, segs: string[], full: string): void {
    if (Array.isArray(target)) {
      for (const t of target) expandPath(t, segs, full);
      return;
    }
    if (typeof target !== 'object' || target === null || segs.length === 0) return;
    const record = target as Record<string, unknown>;
    const [seg, ...rest] = segs as [string, ...string[]];
    let value = record[seg];
    if (value === undefined && seg === 'line_items' && record['object'] === 'checkout.session') {
      value = lineItemsList(String(record['id']));
    } else if (typeof value === 'string') {
      const found = lookup(value);
      if (!found) throw invalid('expand', `This property cannot be expanded (${full}) by the stand-in.`);
      value = structuredClone(found);
    } else if (value === undefined) {
      throw invalid('expand', `This property cannot be expanded (${full}).`);
    }
    record[seg] = value;
    expandPath(value, rest, full);
  }

  function lineItemsList(sessionId: string): Wire<Stripe.ApiList<Stripe.LineItem>> {
    const lines = sessionLineItems.get(sessionId) ?? [];
    return {
      object: 'list',
      data: lines.map((l) => {
        const price = prices.get(l.price)!;
        const amount = (price.unit_amount ?? 0) * (l.quantity ?? 0);
        const product = products.get(String(price.product));
        return {
          id: randomId('li_1', 23),
          object: 'item',
          adjustable_quantity: null,
          amount_discount: 0,
          amount_subtotal: amount,
          amount_tax: 0,
          amount_total: amount,
          currency: price.currency,
          description: product?.name ?? null,
          metadata: {},
          price: structuredClone(price),
          quantity: l.quantity,
        };
      }),
      has_more: false,
      url: `/v1/checkout/sessions/${sessionId}/line_items`,
    };
  }

  const routes: Route[] = [
    {
      method: 'POST',
      pattern: /^\/v1\/customers$/,
      handle({ params }) {
        checkKnown(params, KNOWN.customerCreate);
        return newCustomer({
          email: str(params['email']),
          name: str(params['name']),
          metadata: params['metadata'],
        });
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/customers\/([^/]+)$/,
      handle({ params }, id) {
        checkKnown(params, KNOWN.retrieve);
        return customerOrThrow(id, 'id', 404);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/customers\/([^/]+)$/,
      handle({ params }, id) {
        checkKnown(params, KNOWN.customerCreate);
        const customer = customerOrThrow(id, 'id', 404);
        if (params['email'] !== undefined) customer.email = str(params['email']) || null;
        if (params['name'] !== undefined) customer.name = str(params['name']) || null;
        customer.metadata = mergeMetadata(customer.metadata, params['metadata']);
        return customer;
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/prices$/,
      handle({ params }) {
        checkKnown(params, KNOWN.priceList);
        const active = bool(params['active'], 'active');
        const lookupKeys = list(params['lookup_keys']);
        if (lookupKeys.length > 10)
          throw invalid('lookup_keys', 'You may only specify up to 10 lookup keys.');
        const recurring = isObj(params['recurring']) ? params['recurring'] : {};
        const all = [...prices.values()].filter(
          (p) =>
            (active === undefined || p.active === active) &&
            (lookupKeys.length === 0 || lookupKeys.includes(p.lookup_key ?? '')) &&
            (params['product'] === undefined || p.product === params['product']) &&
            (params['currency'] === undefined || p.currency === params['currency']) &&
            (params['type'] === undefined || p.type === params['type']) &&
            (recurring['interval'] === undefined || p.recurring?.interval === recurring['interval']) &&
            (recurring['usage_type'] === undefined || p.recurring?.usage_type === recurring['usage_type']),
        );
        return listOf(all, params, '/v1/prices');
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/prices\/([^/]+)$/,
      handle({ params }, id) {
        checkKnown(params, KNOWN.retrieve);
        const price = prices.get(id!);
        if (!price) throw noSuch('price', id!, 'price');
        return price;
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/products\/([^/]+)$/,
      handle({ params }, id) {
        checkKnown(params, KNOWN.retrieve);
        const product = products.get(id!);
        if (!product) throw noSuch('product', id!, 'id');
        return product;
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/checkout\/sessions$/,
      handle({ params }) {
        checkKnown(params, KNOWN.checkoutCreate);
        const mode = str(params['mode']);
        if (!mode) throw missingParam('mode');
        if (mode !== 'subscription') {
          throw invalid('mode', `The stand-in supports mode=subscription only (got ${mode}).`);
        }
        const customerId = str(params['customer']);
        if (customerId) customerOrThrow(customerId, 'customer');
        const rawLines = list(params['line_items']);
        if (rawLines.length === 0) throw missingParam('line_items');
        const lines: { price: string; quantity: number | null }[] = [];
        rawLines.forEach((line, i) => {
          const param = `line_items[${i}]`;
          if (!isObj(line)) throw invalid(param, 'Invalid hash');
          checkKnown(line, KNOWN.lineItem, param);
          if (line['price_data'] !== undefined)
            throw invalid(`${param}[price_data]`, 'price_data is not supported by the stand-in.');
          const price = priceOrThrow(str(line['price']), `${param}[price]`);
          if (!price.active) {
            throw invalid(
              `${param}[price]`,
              `The price specified is inactive. This field only accepts active prices.`,
            );
          }
          const quantity = int(line['quantity'], `${param}[quantity]`);
          checkQuantity(price, quantity, param, true);
          lines.push({ price: price.id, quantity: quantity ?? null });
        });
        const currencies = new Set(lines.map((l) => prices.get(l.price)!.currency));
        if (currencies.size > 1) throw invalid('line_items', 'All prices must be in the same currency.');
        const clientReferenceId = str(params['client_reference_id']) ?? null;
        if (clientReferenceId && clientReferenceId.length > 200) {
          throw invalid('client_reference_id', 'client_reference_id can have up to 200 characters.');
        }
        const subData = params['subscription_data'];
        if (subData !== undefined && !isObj(subData)) throw invalid('subscription_data', 'Invalid hash');
        mergeMetadata({}, subData?.['metadata'], 'subscription_data[metadata]');
        int(subData?.['trial_period_days'], 'subscription_data[trial_period_days]');
        const id = randomId('cs_test_a1', 56);
        const createdAt = now();
        const amount = lines.reduce(
          (sum, l) => sum + (prices.get(l.price)!.unit_amount ?? 0) * (l.quantity ?? 0),
          0,
        );
        const session: Wire<Stripe.Checkout.Session> = {
          id,
          object: 'checkout.session',
          adaptive_pricing: null,
          after_expiration: null,
          allow_promotion_codes: null,
          allowed_payment_method_types: null,
          amount_subtotal: amount,
          amount_total: amount,
          automatic_tax: { enabled: false, liability: null, provider: null, status: null },
          billing_address_collection: null,
          cancel_url: str(params['cancel_url']) ?? null,
          client_reference_id: clientReferenceId,
          client_secret: null,
          collected_information: null,
          consent: null,
          consent_collection: null,
          created: createdAt,
          currency: [...currencies][0] ?? null,
          currency_conversion: null,
          custom_fields: [],
          custom_text: {
            after_submit: null,
            shipping_address: null,
            submit: null,
            terms_of_service_acceptance: null,
          },
          customer: customerId ?? null,
          customer_account: null,
          customer_creation: null,
          customer_details: null,
          customer_email: str(params['customer_email']) ?? null,
          discounts: [],
          expires_at: createdAt + 86_400,
          integration_identifier: null,
          invoice: null,
          invoice_creation: null,
          livemode: false,
          locale: null,
          managed_payments: null,
          metadata: mergeMetadata({}, params['metadata']),
          mode: 'subscription',
          origin_context: null,
          payment_intent: null,
          payment_link: null,
          payment_method_collection: 'always',
          payment_method_configuration_details: null,
          payment_method_options: {},
          payment_method_types: ['card'],
          payment_status: 'unpaid',
          permissions: null,
          phone_number_collection: { enabled: false },
          recovered_from: null,
          saved_payment_method_options: null,
          setup_intent: null,
          shipping_address_collection: null,
          shipping_cost: null,
          shipping_options: [],
          status: 'open',
          submit_type: null,
          subscription: null,
          success_url: str(params['success_url']) ?? null,
          total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
          ui_mode: 'hosted_page',
          url: `${baseUrl}/checkout/${id}`,
          wallet_options: null,
        };
        checkoutSessions.set(id, session);
        sessionLineItems.set(id, lines);
        sessionParams.set(id, params);
        return session;
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      handle({ params }, id) {
        checkKnown(params, KNOWN.retrieve);
        const session = checkoutSessions.get(id!);
        if (!session) throw noSuch('checkout.session', id!, 'session');
        return session;
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/billing_portal\/sessions$/,
      handle({ params }) {
        checkKnown(params, KNOWN.portalCreate);
        const customer = customerOrThrow(str(params['customer']), 'customer');
        const id = randomId('bps_1', 23);
        const session: Wire<Stripe.BillingPortal.Session> = {
          id,
          object: 'billing_portal.session',
          configuration: randomId('bpc_1', 23),
          created: now(),
          customer: customer.id,
          customer_account: null,
          flow: null,
          livemode: false,
          locale: null,
          on_behalf_of: null,
          return_url: str(params['return_url']) ?? null,
          url: `${baseUrl}/portal/${id}`,
        };
        portalSessions.set(id, session);
        return session;
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/subscriptions$/,
      handle({ params }) {
        checkKnown(params, KNOWN.subscriptionList);
        const status = str(params['status']);
        const price = str(params['price']);
        const all = [...subscriptions.values()]
          .filter(
            (s) =>
              (params['customer'] === undefined || s.customer === params['customer']) &&
              (status === 'all' || (status === undefined ? s.status !== 'canceled' : s.status === status)) &&
              (price === undefined || s.items.data.some((i) => i.price.id === price)),
          )
          .reverse();
        return listOf(all, params, '/v1/subscriptions');
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle({ params }, id) {
        checkKnown(params, KNOWN.retrieve);
        return subscriptionOrThrow(id!);
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle(ctx, id) {
        const { params } = ctx;
        checkKnown(params, KNOWN.subscriptionUpdate);
        const sub = subscriptionOrThrow(id!);
        const before = structuredClone(sub);
        const touchesMore = Object.keys(params).some(
          (k) => !['metadata', 'cancellation_details', 'expand'].includes(k),
        );
        if (sub.status === 'canceled' && touchesMore) {
          throw invalid(
            'id',
            'A canceled subscription can only update its cancellation_details and metadata.',
          );
        }
        const updated = structuredClone(sub);
        const period = {
          start: updated.items.data[0]?.current_period_start ?? now(),
          end: updated.items.data[0]?.current_period_end ?? addInterval(now(), 'month'),
        };
        list(params['items']).forEach((raw, i) => {
          const param = `items[${i}]`;
          if (!isObj(raw)) throw invalid(param, 'Invalid hash');
          checkKnown(raw, KNOWN.subscriptionItem, param);
          const itemId = str(raw['id']);
          const quantity = int(raw['quantity'], `${param}[quantity]`);
          const priceId = str(raw['price']) ?? str(raw['plan']);
          const items = updated.items.data;
          if (itemId) {
            const at = items.findIndex((it) => it.id === itemId);
            if (at < 0) throw noSuch('subscription item', itemId, `${param}[id]`, 400);
            const current = items[at]!;
            if (bool(raw['deleted'], `${param}[deleted]`)) {
              items.splice(at, 1);
              return;
            }
            const price = priceId
              ? priceOrThrow(priceId, `${param}[price]`)
              : (current.price as Wire<Stripe.Price>);
            checkQuantity(price, quantity, param, false);
            const metered = price.recurring?.usage_type === 'metered';
            current.price = structuredClone(price);
            current.plan = planOf(price);
            if (metered) delete current.quantity;
            else current.quantity = quantity ?? current.quantity ?? 1;
            current.metadata = mergeMetadata(current.metadata, raw['metadata'], `${param}[metadata]`);
          } else {
            const price = priceOrThrow(priceId, `${param}[price]`);
            if (items.some((it) => it.price.id === price.id)) {
              throw invalid(
                `${param}[price]`,
                `Cannot add multiple subscription items with the same price: ${price.id}`,
              );
            }
            checkQuantity(price, quantity, param, false);
            items.push(newItem(updated.id, price, quantity, period));
          }
        });
        if (updated.items.data.length === 0) {
          throw invalid('items', 'A subscription must have at least one active plan.');
        }
        const cancelAtPeriodEnd = bool(params['cancel_at_period_end'], 'cancel_at_period_end');
        if (cancelAtPeriodEnd !== undefined) {
          updated.cancel_at_period_end = cancelAtPeriodEnd;
          updated.cancel_at = cancelAtPeriodEnd
            ? Math.min(...updated.items.data.map((it) => it.current_period_end))
            : null;
          updated.canceled_at = cancelAtPeriodEnd ? now() : null;
          if (!cancelAtPeriodEnd) updated.cancellation_details = cancellation(null);
          else updated.cancellation_details = cancellation('cancellation_requested');
        }
        updated.metadata = mergeMetadata(updated.metadata, params['metadata']);
        const prev = previousAttributes(before, updated);
        subscriptions.set(updated.id, updated);
        if (Object.keys(prev).length > 0) {
          deliverLater(
            makeEvent('customer.subscription.updated', updated, { previousAttributes: prev, request: ctx }),
          );
        }
        return updated;
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/v1\/subscriptions\/([^/]+)$/,
      handle(ctx, id) {
        checkKnown(ctx.params, KNOWN.subscriptionCancel);
        const sub = subscriptionOrThrow(id!);
        if (sub.status === 'canceled') {
          throw invalid('id', `This subscription has already been canceled: ${sub.id}`);
        }
        const t = now();
        sub.status = 'canceled';
        sub.canceled_at = t;
        sub.ended_at = t;
        sub.cancel_at = null;
        sub.cancel_at_period_end = false;
        sub.cancellation_details = cancellation('cancellation_requested');
        deliverLater(makeEvent('customer.subscription.deleted', sub, { request: ctx }));
        return sub;
      },
    },
    {
      method: 'POST',
      pattern: /^\/v1\/billing\/meter_events$/,
      handle({ params }) {
        checkKnown(params, KNOWN.meterEventCreate);
        const eventName = str(params['event_name']);
        if (!eventName) throw missingParam('event_name');
        const payload = params['payload'];
        if (!isObj(payload)) throw missingParam('payload');
        const identifier = str(params['identifier']) || randomId('', 32);
        if (identifier.length > 100) throw invalid('identifier', 'identifier can have up to 100 characters.');
        // Observed Stripe behaviour (test mode, 2026): a reused identifier is refused synchronously
        // with this 400, not silently deduplicated; `Stripe-Should-Retry: false`.
        if (meterEvents.some((e) => e.identifier === identifier)) {
          throw new ApiError(
            400,
            {
              type: 'invalid_request_error',
              message: `An event already exists with identifier ${identifier}.`,
            },
            { 'stripe-should-retry': 'false' },
          );
        }
        const flat: Record<string, string> = {};
        for (const [k, v] of Object.entries(payload)) {
          if (typeof v !== 'string') throw invalid(`payload[${k}]`, 'Invalid string');
          flat[k] = v;
        }
        const event: Wire<Stripe.Billing.MeterEvent> = {
          object: 'billing.meter_event',
          created: now(),
          event_name: eventName,
          identifier,
          livemode: false,
          payload: flat,
          timestamp: int(params['timestamp'], 'timestamp') ?? now(),
        };
        meterEvents.push(event);
        return event;
      },
    },
    {
      method: 'GET',
      pattern: /^\/v1\/events\/([^/]+)$/,
      handle({ params }, id) {
        checkKnown(params, KNOWN.retrieve);
        const event = events.find((e) => e.id === id);
        if (!event) throw noSuch('event', id!, 'id');
        return event;
      },
    },
  ];

  /** The hosted Checkout page: completes the session, posts its events, redirects to success_url. */
  async function completeCheckout(id: string, action: string | null, res: ServerResponse): Promise<void> {
    const session = checkoutSessions.get(id);
    if (!session) {
      sendHtml(res, 404, page('Checkout session not found', ''));
      return;
    }
    if (action === 'cancel') {
      redirectOr(res, session.cancel_url, page('Checkout canceled', ''));
      return;
    }
    if (session.status === 'expired') {
      sendHtml(res, 410, page('Checkout session expired', ''));
      return;
    }
    if (session.status === 'open') {
      const customerId =
        typeof session.customer === 'string'
          ? session.customer
          : newCustomer({ email: session.customer_email ?? `checkout.${id.slice(-8)}@example.com` }).id;
      const customer = customers.get(customerId)!;
      session.invoice = randomId('in_1', 23);
      const sub = newSubscription(session, customerId);
      session.status = 'complete';
      session.payment_status = sub.status === 'trialing' ? 'no_payment_required' : 'paid';
      session.customer = customerId;
      session.subscription = sub.id;
      session.url = null;
      session.customer_details = {
        address: null,
        business_name: null,
        email: customer.email,
        individual_name: null,
        name: customer.name ?? null,
        phone: null,
        tax_exempt: 'none',
        tax_ids: [],
      };
      if (sub.status === 'trialing') {
        session.amount_total = 0;
        session.amount_subtotal = 0;
      }
      for (const event of [
        makeEvent('checkout.session.completed', session, {}),
        makeEvent('customer.subscription.created', sub, {}),
      ]) {
        await deliver(event);
      }
    }
    const success = session.success_url?.replaceAll('{CHECKOUT_SESSION_ID}', session.id) ?? null;
    redirectOr(res, success, page('Checkout complete', ''));
  }

  /** The customer portal: lists the customer's subscriptions, links back to return_url. */
  async function portal(id: string, cancelSubscription: string | null, res: ServerResponse): Promise<void> {
    const session = portalSessions.get(id);
    if (!session) {
      sendHtml(res, 404, page('Portal session not found', ''));
      return;
    }
    const mine = [...subscriptions.values()].filter((s) => s.customer === session.customer);
    if (cancelSubscription) {
      const sub = mine.find((s) => s.id === cancelSubscription && s.status !== 'canceled');
      if (sub && !sub.cancel_at_period_end) {
        const before = structuredClone(sub);
        sub.cancel_at_period_end = true;
        sub.cancel_at = Math.min(...sub.items.data.map((it) => it.current_period_end));
        sub.canceled_at = now();
        sub.cancellation_details = cancellation('cancellation_requested');
        await deliver(
          makeEvent('customer.subscription.updated', sub, {
            previousAttributes: previousAttributes(before, sub),
          }),
        );
      }
      res.writeHead(303, { location: `/portal/${id}` });
      res.end();
      return;
    }
    const rows = mine
      .map(
        (s) =>
          `<li data-subscription="${escapeHtml(s.id)}">${escapeHtml(s.id)}: ${escapeHtml(s.status)}` +
          `${s.cancel_at_period_end ? ' (cancels at period end)' : ` <a href="/portal/${escapeHtml(id)}?cancel=${escapeHtml(s.id)}">Cancel</a>`}</li>`,
      )
      .join('');
    const back = session.return_url
      ? `<a id="return" href="${escapeHtml(session.return_url)}">Return</a>`
      : '';
    sendHtml(res, 200, page('Customer portal', `<ul>${rows}</ul>${back}`));
  }

  function sendHtml(res: ServerResponse, status: number, html: string) {
    res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  }

  function redirectOr(res: ServerResponse, location: string | null, html: string) {
    if (location) {
      res.writeHead(303, { location });
      res.end();
    } else sendHtml(res, 200, html);
  }

  function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string>) {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body, null, 2));
  }

  function authError(header: string | undefined): ApiError | null {
    let key: string | undefined;
    if (header?.startsWith('Bearer ')) key = header.slice(7).trim();
    else if (header?.startsWith('Basic '))
      key = Buffer.from(header.slice(6), 'base64').toString('utf8').split(':')[0];
    if (!key) {
      return new ApiError(
        401,
        {
          type: 'invalid_request_error',
          message:
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
        },
        { 'www-authenticate': 'Bearer realm="Stripe"' },
      );
    }
    if (key !== apiKey) {
      const redacted =
        key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : '***';
      return new ApiError(
        401,
        { type: 'invalid_request_error', message: `Invalid API Key provided: ${redacted}` },
        { 'www-authenticate': 'Bearer realm="Stripe"' },
      );
    }
    return null;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = req.method ?? 'GET';
    const recorded: RecordedRequest = {
      method,
      path: url.pathname,
      query: parseStripeForm(url.search.slice(1)),
      body: parseStripeForm(raw),
      raw,
      headers: req.headers,
      status: 0,
    };
    requests.push(recorded);
    res.on('finish', () => {
      recorded.status = res.statusCode;
    });

    const failure = failures.find((f) => url.pathname.startsWith(f.prefix));
    if (failure) {
      failure.times -= 1;
      if (failure.times <= 0) failures.splice(failures.indexOf(failure), 1);
      if (failure.status === 0) {
        req.socket.destroy();
        return;
      }
      const body: ErrorBody =
        failure.status === 429
          ? {
              type: 'invalid_request_error',
              code: 'rate_limit',
              message: 'Too many requests made to the API too quickly',
            }
          : {
              type: 'api_error',
              message: `The stand-in was told to fail this request with ${failure.status}.`,
            };
      sendJson(res, failure.status, { error: body }, { 'request-id': randomId('req_', 14) });
      return;
    }

    const checkout = /^\/checkout\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && checkout) {
      await completeCheckout(checkout[1]!, url.searchParams.get('action'), res);
      return;
    }
    const portalPage = /^\/portal\/([^/]+)$/.exec(url.pathname);
    if (method === 'GET' && portalPage) {
      await portal(portalPage[1]!, url.searchParams.get('cancel'), res);
      return;
    }

    const requestId = randomId('req_', 14);
    const idempotencyKey =
      method === 'POST' ? (req.headers['idempotency-key'] as string | undefined) : undefined;
    const headers: Record<string, string> = {
      'request-id': requestId,
      'stripe-version': (req.headers['stripe-version'] as string | undefined) ?? apiVersion,
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    };
    try {
      const auth = authError(req.headers.authorization);
      if (auth) throw auth;
      if (idempotencyKey) {
        const seen = idempotent.get(idempotencyKey);
        if (seen) {
          if (seen.method !== method || seen.path !== url.pathname || seen.raw !== raw) {
            throw new ApiError(400, {
              type: 'idempotency_error',
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
            });
          }
          res.writeHead(200, {
            'content-type': 'application/json',
            ...headers,
            'idempotent-replayed': 'true',
          });
          res.end(seen.body);
          return;
        }
      }
      const params = method === 'POST' ? recorded.body : recorded.query;
      let matched: { route: Route; ids: string[] } | undefined;
      for (const route of routes) {
        const m = route.method === method ? route.pattern.exec(url.pathname) : null;
        if (m) {
          matched = { route, ids: m.slice(1).map((s) => decodeURIComponent(s)) };
          break;
        }
      }
      if (!matched) {
        throw new ApiError(404, {
          type: 'invalid_request_error',
          message: `Unrecognized request URL (${method}: ${url.pathname}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
        });
      }
      const result = matched.route.handle(
        { params, requestId, idempotencyKey: idempotencyKey ?? null },
        ...matched.ids,
      );
      const body = JSON.stringify(expand(result, params['expand']), null, 2);
      // Stripe saves the result of a request that ran to completion and replays it for the same key
      if (idempotencyKey) idempotent.set(idempotencyKey, { method, path: url.pathname, raw, body });
      res.writeHead(200, { 'content-type': 'application/json', ...headers });
      res.end(body);
    } catch (err) {
      if (err instanceof ApiError) {
        sendJson(res, err.status, { error: err.body }, { ...headers, ...err.headers });
        return;
      }
      sendJson(res, 500, { error: { type: 'api_error', message: String(err) } }, headers);
    }
  }

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((err: unknown) => {
        if (!res.headersSent) sendJson(res, 500, { error: { type: 'api_error', message: String(err) } }, {});
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    baseUrl,
    host: '127.0.0.1',
    port,
    protocol: 'http',
    apiKey,
    webhookSecret,
    apiVersion,
    requests,
    customers,
    prices,
    checkoutSessions,
    subscriptions,
    meterEvents,
    events,
    deliveries,
    priceId(lookupKey) {
      const price = [...prices.values()].find((p) => p.lookup_key === lookupKey);
      if (!price) throw new Error(`stripe stand-in: no price with lookup_key ${lookupKey}`);
      return price.id;
    },
    stripe(key = apiKey, config = {}) {
      return new Stripe(key, {
        host: '127.0.0.1',
        port,
        protocol: 'http',
        apiVersion: Stripe.API_VERSION,
        maxNetworkRetries: 0,
        telemetry: false,
        timeout: 5_000,
        ...config,
      });
    },
    async emit(type, object, options = {}) {
      return deliver(makeEvent(type, object, options));
    },
    setWebhookUrl(url) {
      webhookUrl = url;
    },
    failNext(pathPrefix, status, times = 1) {
      failures.push({ prefix: pathPrefix, status, times });
    },
    async settled() {
      let seen: Promise<void> | undefined;
      while (seen !== deliveryQueue) {
        seen = deliveryQueue;
        await seen;
      }
    },
    async close() {
      await deliveryQueue;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
