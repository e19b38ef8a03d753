/**
 * The closed set of error codes the API returns. A code is a stable contract with clients:
 * never rename one, only add. Each code has one HTTP status and a short title.
 */
export const ERROR_CODES = {
  /** A field failed its schema; `errors[]` names each field by JSON path. */
  validation_failed: { status: 400, title: 'Request validation failed' },
  /** The body is not parseable JSON. */
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  /** The body is not JSON while the route expects JSON. */
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  /** The body is larger than the configured limit. */
  payload_too_large: { status: 413, title: 'Payload too large' },
  /** No credentials, or credentials that are wrong, expired or revoked. */
  unauthorized: { status: 401, title: 'Unauthorized' },
  /** Signed in, but the role is too low for this action. */
  forbidden: { status: 403, title: 'Forbidden' },
  /** No such object in this tenant (another tenant's object answers the same). */
  not_found: { status: 404, title: 'Not found' },
  /** The route does not exist. */
  route_not_found: { status: 404, title: 'Route not found' },
  /** The tenant slug is taken. */
  slug_taken: { status: 409, title: 'Slug already taken' },
  /** A user with this email already exists in the tenant. */
  email_taken: { status: 409, title: 'Email already in use' },
  /** The email belongs to users in several tenants; pass `tenant` (a slug) to pick one. */
  tenant_required: { status: 409, title: 'Tenant required' },
  /** The change would leave the tenant without an owner. */
  last_owner: { status: 409, title: 'A tenant needs an owner' },
  /** The plugin manifest is invalid; `errors[]` lists each problem with its JSON path in the manifest. */
  invalid_manifest: { status: 400, title: 'Invalid plugin manifest' },
  /** The plugin id belongs to another partner (the first publisher claims an id). */
  not_plugin_owner: { status: 403, title: 'Plugin id owned by another publisher' },
  /** This plugin version was already published with different content; versions are immutable. */
  version_exists: { status: 409, title: 'Version already published' },
  /** The tenant already has this plugin installed; move its pin with PATCH instead. */
  already_installed: { status: 409, title: 'Plugin already installed' },
  /** No installed plugin offers this role; `roles` lists the installed ones. */
  unknown_role: { status: 422, title: 'Unknown role' },
  /** The interview has ended or completed; it takes no more answers. */
  interview_not_active: { status: 409, title: 'Interview not active' },
  /** The answer names another turn than the one awaiting an answer; `expectedTurn` says which. */
  turn_mismatch: { status: 409, title: 'Wrong turn' },
  /** This turn already has an answer. */
  turn_already_answered: { status: 409, title: 'Turn already answered' },
  /** A request with this Idempotency-Key is still being processed; retry shortly. */
  idempotency_in_progress: { status: 409, title: 'Request in progress' },
  /** The Idempotency-Key was used before with a different request body. */
  idempotency_key_reused: { status: 422, title: 'Idempotency-Key reused' },
  /** The answer is longer than 20,000 characters. */
  answer_too_long: { status: 413, title: 'Answer too long' },
  /** The interview is still running; its report is made when it completes or is ended. */
  report_not_ready: { status: 409, title: 'Report not ready' },
  /** Asked only once the interview is over (a candidate's self-identification); this one is still running. */
  interview_in_progress: { status: 409, title: 'Interview still in progress' },
  /** The webhook endpoint is disabled (by an admin, or after its receiver answered 410 Gone); enable it first. */
  webhook_endpoint_disabled: { status: 409, title: 'Webhook endpoint disabled' },
  /** The schedule has started, completed or been cancelled, and cannot change that way. */
  schedule_locked: { status: 409, title: 'Schedule cannot change' },
  /** The join link has expired or was cancelled. */
  link_gone: { status: 410, title: 'Link no longer valid' },
  /** Too many attempts; retry after the `Retry-After` seconds. */
  rate_limited: { status: 429, title: 'Too many requests' },
  /** A position's interview design cannot run as given; `errors[]` names each field by JSON path. */
  invalid_design: { status: 422, title: 'Invalid interview design' },
  /** The position is closed: it starts no new interviews (reopen it first). */
  position_closed: { status: 409, title: 'Position closed' },
  /** The object changed since the version in `If-Match`; `currentVersion` says which it is now. */
  version_conflict: { status: 409, title: 'Edited by someone else' },
  /** This change needs `If-Match` with the version read, so that no one's edit is lost. */
  precondition_required: { status: 428, title: 'If-Match required' },
  /** The plan's limit is reached; `quota`, `limit`, `used` and `plan` say which. Nothing was created. */
  quota_exceeded: { status: 402, title: 'Plan limit reached' },
  /** Payment is overdue past the grace period: new interviews are paused until it is paid. */
  subscription_past_due: { status: 402, title: 'Payment overdue' },
  /** No such plan can be bought; `plans` lists those that can. */
  unknown_plan: { status: 422, title: 'Unknown plan' },
  /** A Stripe webhook whose signature is missing, forged or stale. Nothing changed. */
  invalid_signature: { status: 400, title: 'Invalid signature' },
  /** Stripe could not be reached or refused the request; nothing was created. Retry later. */
  billing_unavailable: { status: 503, title: 'Billing unavailable' },
  /** A subscription is running: change its plan in the billing portal, not with a second checkout. */
  already_subscribed: { status: 409, title: 'Already subscribed' },
  /** Billing is off (no Stripe configured): every tenant is unlimited. */
  billing_off: { status: 409, title: 'Billing is off' },
  /** A webhook URL no delivery could reach (loopback, private, link-local, metadata); `errors[]` says why. */
  webhook_url_refused: { status: 422, title: 'Webhook URL refused' },
  /** The review request is resolved already. */
  review_resolved: { status: 409, title: 'Review already resolved' },
  /** The interview is sooner than the tenant's notice lead time; `earliest` says when it may be. */
  notice_too_short: { status: 422, title: 'Notice too short' },
  /** The typed confirmation is neither the organisation's slug nor its name. Nothing changed. */
  confirmation_mismatch: { status: 422, title: 'Confirmation does not match' },
  /** The organisation is scheduled for deletion: it starts no new interviews or links until restored. */
  tenant_pending_deletion: { status: 409, title: 'Organisation scheduled for deletion' },
  /** The deletion's grace period is over: it runs now and can no longer be cancelled. */
  grace_period_over: { status: 409, title: 'Grace period over' },
  /** A mail template uses a placeholder that is not one of its variables, or lacks a required one; `errors[]` names each. */
  invalid_template: { status: 422, title: 'Invalid template' },
  /** The one-time link (a member's invitation, a password reset) is unknown, used or expired: ask for a new one. */
  account_link_invalid: { status: 400, title: 'Link not valid' },
  /** The tenant already has a connection to this ATS (one per ATS): change or delete that one. */
  ats_connection_exists: { status: 409, title: 'ATS already connected' },
  /** Ashby started an assessment for a position that is unknown or closed (Ashby shows `message` to its user). */
  position_unavailable: { status: 422, title: 'Position unavailable' },
  /** An ATS asked for an interview for a candidate whose email address cannot receive mail. */
  invalid_email: { status: 422, title: 'Invalid email address' },
  /** A dependency (database) is not reachable. */
  unavailable: { status: 503, title: 'Service unavailable' },
  /** A bug; the request id in the response finds it in the logs. */
  internal_error: { status: 500, title: 'Internal server error' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface FieldProblem {
  /** JSON path of the offending value, e.g. `/ownerEmail` or `/body`. */
  path: string;
  message: string;
}

/** The one error class of the platform; the HTTP layer turns it into problem+json. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly extra: { errors?: FieldProblem[]; retryAfterSeconds?: number; [k: string]: unknown } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}
