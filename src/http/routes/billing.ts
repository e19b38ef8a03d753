import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  BILLING_STATUSES,
  billingOverview,
  handleStripeEvent,
  openPortal,
  PLAN_IDS,
  QUOTA_KINDS,
  startCheckout,
  verifyEvent,
} from '../../billing/index.ts';
import { emSql } from '../../db/index.ts';
import { AppError } from '../../errors/index.ts';
import type { AppEnv } from '../env.ts';
import { requireAuth } from '../middleware/auth.ts';
import { bearerSecurity, json, jsonBody, problems, Text } from '../openapi.ts';

const base = { tags: ['billing'], security: bearerSecurity };

const Limit = z.number().int().nullable().openapi({ description: 'null: unlimited' });

const OverviewSchema = z
  .object({
    enabled: z
      .boolean()
      .openapi({ description: 'false: billing off (no Stripe configured), every tenant unlimited' }),
    plan: z.object({
      id: z.string(),
      name: z.string(),
      features: z.object({ llmEvaluator: z.boolean(), atsConnections: z.boolean() }),
    }),
    status: z.enum(BILLING_STATUSES),
    period: z.object({ start: z.string(), end: z.string() }).nullable(),
    trialEnd: z.string().nullable(),
    nextInvoiceAt: z.string().nullable(),
    cancelAtPeriodEnd: z.boolean(),
    pastDue: z.object({ since: z.string(), graceEndsAt: z.string().nullable() }).nullable(),
    usage: z.array(z.object({ quota: z.enum(QUOTA_KINDS), used: z.number().int(), limit: Limit })),
    plans: z.array(
      z.object({ id: z.string(), name: z.string(), limits: z.record(z.enum(QUOTA_KINDS), Limit) }),
    ),
  })
  .openapi('Billing');

const overview = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/billing',
  summary: 'Plan, status, period, usage against every limit, next invoice',
  middleware: [requireAuth('admin')] as const,
  responses: { 200: json(OverviewSchema, 'The billing overview'), ...problems(401, 403) },
});

const planOnly = createRoute({
  ...base,
  method: 'get',
  path: '/api/v1/billing/plan',
  summary: 'The plan and its status (every member may see it)',
  middleware: [requireAuth('viewer')] as const,
  responses: {
    200: json(
      z
        .object({
          enabled: z.boolean(),
          plan: z.object({ id: z.string(), name: z.string() }),
          status: z.enum(BILLING_STATUSES),
        })
        .openapi('BillingPlan'),
      'The plan',
    ),
    ...problems(401),
  },
});

const UrlSchema = z.object({ url: z.string().openapi({ description: 'send the browser here' }) });

const checkout = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/billing/checkout',
  summary: 'A Stripe Checkout session for a plan (owner)',
  // no transaction held while Stripe is called
  middleware: [requireAuth('owner', { transaction: false })] as const,
  request: jsonBody(
    z
      .object({ plan: Text(1, 40).openapi({ example: PLAN_IDS[2] }) })
      .strict()
      .openapi('Checkout'),
  ),
  responses: {
    200: json(UrlSchema.openapi('CheckoutSession'), 'The Checkout URL'),
    ...problems(400, 401, 403, 409, 413, 415, 422, 503),
  },
});

const portal = createRoute({
  ...base,
  method: 'post',
  path: '/api/v1/billing/portal',
  summary: 'A Stripe Customer Portal session (owner): card, plan, cancellation',
  middleware: [requireAuth('owner', { transaction: false })] as const,
  responses: {
    200: json(UrlSchema.openapi('PortalSession'), 'The portal URL'),
    ...problems(401, 403, 409, 503),
  },
});

const webhook = createRoute({
  tags: ['billing'],
  method: 'post',
  path: '/api/v1/billing/webhook',
  summary: 'Stripe’s webhook (no auth: the Stripe-Signature header is verified on the raw body)',
  description:
    'Point a Stripe webhook endpoint here with events checkout.session.completed, customer.subscription.created, ' +
    '.updated, .deleted, invoice.paid and invoice.payment_failed. Each event is applied once; older ' +
    'subscription states never overwrite newer ones.',
  responses: {
    200: json(
      z.object({ received: z.literal(true), outcome: z.string() }).openapi('StripeWebhookReceived'),
      'Received',
    ),
    ...problems(400, 409, 413, 415, 503),
  },
});

const billingOf = (c: Context<AppEnv>) => {
  const billing = c.get('services').billing;
  if (!billing)
    throw new AppError('billing_off', 'Billing is off: no Stripe is configured, every tenant is unlimited');
  return billing;
};

const checkoutDeps = (c: Context<AppEnv>) => {
  const billing = billingOf(c);
  const { orm, interviews } = c.get('services');
  return {
    orm,
    stripe: billing.stripe,
    settings: billing.settings,
    returnUrl: `${interviews.baseUrl}/billing`,
  };
};

export function registerBilling(app: OpenAPIHono<AppEnv>) {
  app.openapi(overview, async (c) => {
    const settings = c.get('services').billing?.settings;
    return c.json(await billingOverview(emSql(c.get('em')), c.get('principal').tenantId, settings), 200);
  });
  app.openapi(planOnly, async (c) => {
    const settings = c.get('services').billing?.settings;
    const o = await billingOverview(emSql(c.get('em')), c.get('principal').tenantId, settings);
    return c.json({ enabled: o.enabled, plan: { id: o.plan.id, name: o.plan.name }, status: o.status }, 200);
  });
  app.openapi(checkout, async (c) => {
    const deps = checkoutDeps(c);
    return c.json(await startCheckout(deps, c.get('principal').tenantId, c.req.valid('json').plan), 200);
  });
  app.openapi(portal, async (c) => {
    return c.json(await openPortal(checkoutDeps(c), c.get('principal').tenantId), 200);
  });
  app.openapi(webhook, async (c) => {
    const billing = billingOf(c);
    const { orm, jobs, logger } = c.get('services');
    const raw = await c.req.text();
    let event: ReturnType<typeof verifyEvent>;
    try {
      event = verifyEvent(billing.stripe, raw, c.req.header('stripe-signature'), billing.webhookSecret);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'stripe webhook refused: bad signature');
      throw err;
    }
    const outcome = await handleStripeEvent(
      {
        orm,
        stripe: billing.stripe,
        webhookSecret: billing.webhookSecret,
        settings: billing.settings,
        jobs,
        logger,
      },
      event,
    );
    return c.json({ received: true as const, outcome }, 200);
  });
}
