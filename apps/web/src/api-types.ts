/**
 * Generated from GET /api/v1/openapi.json by openapi-typescript: do not edit by hand. To refresh
 * after an API change: UPDATE_API_TYPES=1 npx vitest run test/integration/api-types.test.ts
 */

export interface paths {
    "/api/v1/admin/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign in with email and password */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Login"];
                };
            };
            responses: {
                /** @description An access token (JWT) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            email: string;
                            token: string;
                        };
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/schedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Schedule an interview and get its join link (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewSchedule"];
                };
            };
            responses: {
                /** @description Scheduled */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ScheduledInterview"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Scheduled interviews, filtered by status */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                    status?: "scheduled" | "started" | "completed" | "expired" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of schedules */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["SchedulePage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/schedules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Reschedule a link that has not been used */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Reschedule"];
                };
            };
            responses: {
                /** @description The schedule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Schedule"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/admin/schedules/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel a scheduled interview; its link stops working and a started interview is ended */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The schedule */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Schedule"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/admin/schedules/{id}/invitation/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail the candidate's invitation (again) now, with the same link where it can be made again */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InvitationResent"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's API keys (never the secrets) */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of keys */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ApiKeyPage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create an API key; the key is shown in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewApiKey"];
                };
            };
            responses: {
                /** @description The key, with its secret */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedApiKey"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Revoked */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ats/connections": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's ATS connections (never their secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Connections */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AtsConnectionList"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Connect an ATS (one connection per ATS); the key the ATS calls with is shown in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewAtsConnection"];
                };
            };
            responses: {
                /** @description The connection */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AtsConnectionWithKey"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ats/connections/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One ATS connection (never its secrets) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The connection */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AtsConnection"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Disconnect the ATS: its key stops working and its credentials are deleted (interviews stay) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a connection: its name, whether it is on, its settings, or replace its credentials (rotation) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["AtsConnectionPatch"];
                };
            };
            responses: {
                /** @description The connection */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AtsConnection"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/ats/connections/{id}/calls": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every call in and out on this connection, newest first (status, latency, error) */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of calls */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AtsCallPage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ats/connections/{id}/inbound-key/rotate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new key for the ATS to call with (shown once); the old one stops working at once */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The connection and its new key */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AtsConnectionWithKey"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/ats/connections/{id}/test": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Check the connection with the cheapest authenticated call to the ATS */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description What the ATS answered */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AtsConnectionTest"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant’s audit log, newest first (append-only: who did what, when, from where) */
        get: {
            parameters: {
                query?: {
                    action?: "report.viewed" | "candidate.exported" | "candidate.erased" | "score.overridden" | "user.invited" | "user.role_changed" | "user.removed" | "api_key.created" | "api_key.revoked" | "webhook.created" | "webhook.changed" | "webhook.deleted" | "plugin.installed" | "plugin.pinned" | "plugin.uninstalled" | "billing.plan_changed" | "position.created" | "position.changed" | "tenant.exported" | "tenant.settings_changed" | "tenant.deletion_requested" | "tenant.deletion_cancelled" | "review.requested" | "review.resolved" | "schedule.notice_overridden" | "adverse_impact.viewed" | "user.invitation_accepted" | "user.password_reset" | "mail_template.changed" | "schedule.invitation_resent" | "ats.connected" | "ats.connection_changed" | "ats.credentials_rotated" | "ats.inbound_key_rotated" | "ats.disconnected";
                    actorId?: string;
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    /** @description from this instant (inclusive) */
                    from?: string;
                    limit?: number;
                    target?: string;
                    /** @description until this instant (exclusive) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of audit events */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditPage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit/per-day": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** How many audit events each day had, per action, with the same filters as the list */
        get: {
            parameters: {
                query?: {
                    action?: "report.viewed" | "candidate.exported" | "candidate.erased" | "score.overridden" | "user.invited" | "user.role_changed" | "user.removed" | "api_key.created" | "api_key.revoked" | "webhook.created" | "webhook.changed" | "webhook.deleted" | "plugin.installed" | "plugin.pinned" | "plugin.uninstalled" | "billing.plan_changed" | "position.created" | "position.changed" | "tenant.exported" | "tenant.settings_changed" | "tenant.deletion_requested" | "tenant.deletion_cancelled" | "review.requested" | "review.resolved" | "schedule.notice_overridden" | "adverse_impact.viewed" | "user.invitation_accepted" | "user.password_reset" | "mail_template.changed" | "schedule.invitation_resent" | "ats.connected" | "ats.connection_changed" | "ats.credentials_rotated" | "ats.inbound_key_rotated" | "ats.disconnected";
                    actorId?: string;
                    /** @description from this instant (inclusive) */
                    from?: string;
                    target?: string;
                    /** @description the days of this IANA time zone */
                    timeZone?: string;
                    /** @description until this instant (exclusive) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Counts per day and action, oldest day first; days without events are left out */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AuditPerDay"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Mail a one-time link to choose a new password (the same answer whether or not the address has an account) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordResetRequest"];
                };
            };
            responses: {
                /** @description Accepted */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasswordResetAccepted"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password-reset/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Choose a password with a one-time link's token (a password reset, or a member's invitation) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PasswordResetConfirm"];
                };
            };
            responses: {
                /** @description The password is set; an access token (JWT) to continue signed in */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PasswordSet"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Plan, status, period, usage against every limit, next invoice */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The billing overview */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Billing"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/checkout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A Stripe Checkout session for a plan (owner) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Checkout"];
                };
            };
            responses: {
                /** @description The Checkout URL */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CheckoutSession"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: billing_unavailable, unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/plan": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The plan and its status (every member may see it) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The plan */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["BillingPlan"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/portal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A Stripe Customer Portal session (owner): card, plan, cancellation */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The portal URL */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PortalSession"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: billing_unavailable, unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/billing/webhook": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stripe’s webhook (no auth: the Stripe-Signature header is verified on the raw body)
         * @description Point a Stripe webhook endpoint here with events checkout.session.completed, customer.subscription.created, .updated, .deleted, invoice.paid and invoice.payment_failed. Each event is applied once; older subscription states never overwrite newer ones.
         */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Received */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["StripeWebhookReceived"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: billing_unavailable, unavailable */
                503: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Candidates of the tenant */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of candidates */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CandidatePage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Add a candidate */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewCandidate"];
                };
            };
            responses: {
                /** @description The candidate */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Candidate"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/candidates/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A candidate with their interviews */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The candidate */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CandidateDetail"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/candidates/{id}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Erase a candidate's personal data everywhere it is held; ends a running interview; idempotent (again: zeros) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewCandidateErasure"];
                };
            };
            responses: {
                /** @description Erased: what was removed, per store */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CandidateErasure"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/candidates/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Everything held about a candidate (JSON; `?format=html`: a readable page) */
        get: {
            parameters: {
                query?: {
                    /** @description `html`: one self-contained page to hand to the candidate */
                    format?: "json" | "html";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The export */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CandidateExport"];
                        "text/html": string;
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/compliance/adverse-impact": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Selection and scoring rates and impact ratios by sex, race/ethnicity and both (NYC Local Law 144), from candidates’ voluntary self-identification */
        get: {
            parameters: {
                query?: {
                    format?: "json" | "csv";
                    /** @description interviews ended from (a day, UTC, or an instant) */
                    from?: string;
                    /** @description only the interviews of this position */
                    positionId?: string;
                    /** @description interviews ended until (a whole day, or an instant) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report (format=csv: a CSV download, one row per category) */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AdverseImpactReport"];
                        "text/csv": string;
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interview/{id}/answer": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Answer the current question; returns its evaluation and the next reply */
        post: {
            parameters: {
                query?: never;
                header?: {
                    /** @description a repeated key returns the first response */
                    "idempotency-key"?: string;
                    /** @description `respond-async`: answer 202 at once; the result comes over Socket.IO */
                    prefer?: string;
                };
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["Answer"];
                };
            };
            responses: {
                /** @description Staff get the evaluation and the next reply (and the report after the last answer); a candidate with their join token gets the next reply only */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnswerResult"] | components["schemas"]["CandidateAnswerResult"];
                    };
                };
                /** @description Accepted: evaluating (Prefer: respond-async, or the evaluation took longer than the wait bound) */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["AnswerAccepted"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interview/{id}/end": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End the interview now and persist its report */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Ended */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Ended"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interview/{id}/review-request": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Ask for a human review or another way to be assessed (the candidate with their join token, or staff for them) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewReviewRequest"];
                };
            };
            responses: {
                /** @description Requested before: the first request stands */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReviewRequest"];
                    };
                };
                /** @description Requested */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReviewRequest"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interview/{id}/state": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The live state of an interview (staff, or the candidate with their join token) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The state */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InterviewState"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interview/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start an interview for a role from the tenant's installed plugins */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["StartInterview"];
                };
            };
            responses: {
                /** @description Started */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Started"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: quota_exceeded, subscription_past_due */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant’s interviews with status, score and recommendation */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                    /** @description only the interviews of this position */
                    positionId?: string;
                    status?: "in_progress" | "completed" | "ended";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of interviews */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InterviewPage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interviews/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One interview as it runs: every turn with its answer and score, and the live state */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The interview */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["InterviewDetail"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/interviews/{id}/review-request/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Resolve a candidate’s review request, with a note (the report stops being marked) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["ReviewResolution"];
                };
            };
            responses: {
                /** @description Resolved */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["ReviewRequest"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/messages": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The mail the tenant sent or will send, newest first (the outbox without SMTP) */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    kind?: "invitation" | "reminder" | "member_invite" | "password_reset" | "security_notice";
                    limit?: number;
                    scheduleId?: string;
                    status?: "queued" | "sending" | "sent" | "failed" | "cancelled";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of messages */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailMessagePage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/messages/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One message with its text and HTML */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The message */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailMessageDetail"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/templates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The candidate mail templates (the tenant's own or the default) and their variables */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The templates */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailTemplateList"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Word a candidate mail template: only its {{variables}}, and the body must contain {{joinUrl}} */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MailTemplateInput"];
                };
            };
            responses: {
                /** @description The saved template */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailTemplate"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/mail/templates/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Back to the default wording */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["MailTemplateReset"];
                };
            };
            responses: {
                /** @description The default template */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["MailTemplate"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who am I: the user (or API key), role and tenant */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The caller */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Me"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partner/plugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Publish a plugin version (immutable; the same content again is a no-op) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": unknown;
                };
            };
            responses: {
                /** @description This exact version was already published: nothing changed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublishResult"];
                    };
                };
                /** @description Published */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PublishResult"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Partner sign-up: returns a publishing key (shown once) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PartnerSignUp"];
                };
            };
            responses: {
                /** @description The partner and its first key */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            apiKey: components["schemas"]["PartnerApiKey"];
                            partner: {
                                email: string;
                                /** Format: uuid */
                                id: string;
                                name: string;
                            };
                        };
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The plugin catalog: search by role or text */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                    /** @description free text over id, name, description, publisher */
                    q?: string;
                    /** @description role id or title, e.g. backend */
                    role?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of plugins */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PluginPage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A plugin and its published versions (newest first) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The plugin */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PluginDetail"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One published version with its full manifest */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    version: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PluginVersion"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/plugins/manifest.schema.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** JSON Schema of plugin.json (public, for partners and editors) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description JSON Schema 2020-12 */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/positions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant’s positions, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                    status?: "open" | "closed";
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of positions */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionPage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Create a position with its interview design (version 1) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewPosition"];
                };
            };
            responses: {
                /** @description The position */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionDetail"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: quota_exceeded, subscription_past_due */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/positions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A position with its current design (ETag: the design version) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The position */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionDetail"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Save a new design version (If-Match: the version edited); started interviews keep theirs */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PositionEdit"];
                };
            };
            responses: {
                /** @description The position at its new version */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionDetail"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: precondition_required */
                428: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Open or close a position (closed: no new interviews); If-Match optional */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PositionStatusChange"];
                };
            };
            responses: {
                /** @description The position */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Position"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: quota_exceeded, subscription_past_due */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/positions/{id}/designs/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A design version of the position, as saved */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    version: number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The design */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionDesignVersion"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/positions/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The questions an interview on the current design asks, if every answer were middling */
        get: {
            parameters: {
                query?: {
                    seed?: number | null;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The questions in order */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionPreview"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/positions/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Propose an interview design from a job description (nothing is saved) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PositionDraftRequest"];
                };
            };
            responses: {
                /** @description The proposed design */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["PositionDraft"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/interviews/{id}/self-identification": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The candidate's voluntary self-identification, after the interview (candidate token only; used only in aggregate, for the adverse-impact report) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SelfIdentification"];
                };
            };
            responses: {
                /** @description Stored (a second answer replaces the first); never shown to the evaluator or staff */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/join/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The join page: role, time, the company's branding and the AI notice (no auth) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The link */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JoinLink"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: link_gone */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/public/join/{token}/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start (or resume) the interview; returns a token for this interview only (no auth) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Started or resumed */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["JoinStarted"];
                    };
                };
                /** @description Problem: quota_exceeded, subscription_past_due */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: link_gone */
                410: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report/{interviewId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The explainable report of a completed or ended interview */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    interviewId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The report */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Report"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/report/{interviewId}/overrides": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail of score overrides, oldest first */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    interviewId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The overrides */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["ScoreOverride"][];
                        };
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Override a competency (or the overall) score with a reason; the original is kept */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    interviewId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewScoreOverride"];
                };
            };
            responses: {
                /** @description The override and the updated report */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            override: components["schemas"]["ScoreOverride"];
                            report: components["schemas"]["Report"];
                        };
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The roles the tenant can interview for (from its installed plugins, at their pinned versions) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The roles */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            items: components["schemas"]["InterviewRole"][];
                        };
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The caller's tenant with its branding */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tenant */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/branding": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Change the branding candidates see (admin+) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["BrandingPatch"];
                };
            };
            responses: {
                /** @description The tenant */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tenant/deletion": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Schedule the deletion of the organisation and all its data after the grace period (owner; audited); asking again keeps the first date */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewTenantDeletion"];
                };
            };
            responses: {
                /** @description Scheduled: restorable until deleteAfter */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TenantDeletion"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        /** Restore: cancel the scheduled deletion within its grace period (owner; audited) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The tenant, no longer scheduled */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every row the organisation holds, as gzip'd JSON lines (tenant-export.v1; owner; audited) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description One gzip file of JSON lines: a header, `{table, row}` per row of every table, and a last `{end, rows}` line. Secrets (hashes, signing secrets, credentials) are left out. */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/gzip": string;
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/plugins": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's installed plugins and their pinned versions */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of installs */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TenantPluginPage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Install a plugin, pinned to a version (default: the latest) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["InstallPlugin"];
                };
            };
            responses: {
                /** @description Installed */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TenantPlugin"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: quota_exceeded, subscription_past_due */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenant/plugins/{pluginId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Uninstall (past interviews keep the exact version they used) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    pluginId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Uninstalled */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Move the pin to another published version (upgrade or roll back) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    pluginId: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["PinPlugin"];
                };
            };
            responses: {
                /** @description Pinned */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["TenantPlugin"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tenant/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /** Recommendation thresholds used by reports, the notice lead time of schedules and the candidate retention (admin+; audited) */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["TenantSettings"];
                };
            };
            responses: {
                /** @description The tenant */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["Tenant"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign up: create a tenant and its owner */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["SignUp"];
                };
            };
            responses: {
                /** @description The tenant, and a token for its owner */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            tenant: components["schemas"]["Tenant"];
                            token: string;
                        };
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: rate_limited */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the members of the tenant */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of users */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["UserPage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Add a member (admin+; only owners grant owner): invited by email, or with a password set now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewUser"];
                };
            };
            responses: {
                /** @description The new user */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["CreatedUser"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: quota_exceeded, subscription_past_due */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove a member */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Removed */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change a member's role or password */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["UserPatch"];
                };
            };
            responses: {
                /** @description The user */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["User"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the tenant's webhook endpoints (never their secrets) */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of endpoints */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointPage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        /** Add a webhook endpoint; its signing secret is shown in this response only */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["NewWebhookEndpoint"];
                };
            };
            responses: {
                /** @description The endpoint, with its secret */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpointWithSecret"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: quota_exceeded, subscription_past_due */
                402: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A webhook endpoint (without its secret) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        /** Delete a webhook endpoint with its deliveries */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Deleted */
                204: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        options?: never;
        head?: never;
        /** Change the URL, events or description, or disable/enable the endpoint */
        patch: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": components["schemas"]["WebhookEndpointPatch"];
                };
            };
            responses: {
                /** @description The endpoint */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookEndpoint"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: payload_too_large, answer_too_long */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unsupported_media_type */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unknown_role, idempotency_key_reused, invalid_design, unknown_plan, webhook_url_refused, notice_too_short, confirmation_mismatch, invalid_template, position_unavailable, invalid_email */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The endpoint's deliveries, newest first */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor from the previous page */
                    cursor?: string;
                    limit?: number;
                    status?: "pending" | "succeeded" | "failed";
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description A page of deliveries */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDeliveryPage"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A delivery with every attempt made */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The delivery */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDeliveryDetail"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Send a delivery again now, with the same webhook-id */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    deliveryId: string;
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Queued */
                202: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["WebhookDelivery"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: slug_taken, email_taken, tenant_required, last_owner, version_exists, already_installed, interview_not_active, turn_mismatch, turn_already_answered, idempotency_in_progress, report_not_ready, interview_in_progress, webhook_endpoint_disabled, schedule_locked, position_closed, version_conflict, already_subscribed, billing_off, review_resolved, tenant_pending_deletion, grace_period_over, ats_connection_exists */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/rotate-secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A new signing secret, shown once; the previous one keeps signing for 24 hours */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description The endpoint, with its new secret */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": components["schemas"]["RotatedWebhookSecret"];
                    };
                };
                /** @description Problem: validation_failed, malformed_json, invalid_manifest, invalid_signature, account_link_invalid */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: unauthorized */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: forbidden, not_plugin_owner */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
                /** @description Problem: not_found, route_not_found */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/problem+json": components["schemas"]["Problem"];
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AdverseImpactReport: {
            /** @description scored above the median overall score */
            aboveMedian: number;
            candidates: number;
            dimensions: {
                categories: components["schemas"]["ImpactCategory"][];
                declined: components["schemas"]["ImpactRates"];
                /** @enum {string} */
                dimension: "sex" | "race_ethnicity" | "intersectional";
                highestScoringRate: number | null;
                highestSelectionRate: number | null;
                unknown: components["schemas"]["ImpactRates"];
            }[];
            from: string | null;
            generatedAt: string;
            impactRatioFlag: number;
            medianScore: number | null;
            position: {
                /** Format: uuid */
                id: string;
                title: string;
            } | null;
            /** @description aboveMedian / candidates */
            scoringRate: number | null;
            /** @description recommended hire or strong_hire */
            selected: number;
            /** @description selected / candidates */
            selectionRate: number | null;
            smallCategoryShare: number;
            to: string | null;
        };
        Answer: {
            /** @description the answer, up to 20000 characters */
            answerText: string;
            /** @description the turn being answered (recommended) */
            turn?: number;
        };
        AnswerAccepted: {
            /** Format: uuid */
            interviewId: string;
            /** @enum {string} */
            status: "accepted";
            turn: number;
        };
        AnswerResult: {
            evaluation: components["schemas"]["Evaluation"];
            nextReply: string;
            report?: components["schemas"]["Report"];
            state: components["schemas"]["InterviewState"];
        };
        ApiKey: {
            createdAt: string;
            /** Format: uuid */
            id: string;
            lastUsedAt: string | null;
            name: string;
            prefix: string;
            /** @enum {string} */
            role: "owner" | "admin" | "recruiter" | "viewer";
        };
        ApiKeyPage: {
            items: components["schemas"]["ApiKey"][];
            nextCursor: string | null;
        };
        AtsCall: {
            at: string;
            /** Format: uuid */
            connectionId: string;
            /** @enum {string} */
            direction: "in" | "out";
            error: string | null;
            /** Format: uuid */
            id: string;
            latencyMs: number;
            operation: string;
            status: number | null;
        };
        AtsCallPage: {
            items: components["schemas"]["AtsCall"][];
            nextCursor: string | null;
        };
        AtsConnection: {
            calls24h: {
                calls: number;
                failed: number;
                lastAt: string | null;
                p50LatencyMs: number | null;
            };
            createdAt: string;
            createdBy: string | null;
            credentials: {
                /** @enum {string} */
                field: "apiKey" | "webhookToken";
                hint: string | null;
                set: boolean;
            }[];
            credentialsUpdatedAt: string | null;
            enabled: boolean;
            /** @description the URLs to give the ATS (where it calls this platform) */
            endpoints: {
                [key: string]: string;
            };
            /** Format: uuid */
            id: string;
            /** @description the start of the key the ATS calls with (Greenhouse, Ashby) */
            inboundKeyPrefix: string | null;
            lastTest: {
                at: string;
                error: string | null;
                ok: boolean;
            } | null;
            name: string;
            provider: components["schemas"]["AtsProvider"];
            settings: {
                defaultPositionId: string | null;
                positionMap: {
                    [key: string]: string;
                };
                sendInvitation: boolean;
                triggerStageId: string | null;
            };
            updatedAt: string;
        };
        AtsConnectionList: {
            items: components["schemas"]["AtsConnection"][];
        };
        AtsConnectionPatch: {
            credentials?: components["schemas"]["AtsCredentials"];
            enabled?: boolean;
            name?: string;
            settings?: components["schemas"]["AtsSettingsInput"];
        };
        AtsConnectionTest: {
            detail: string;
            error: string | null;
            latencyMs: number | null;
            ok: boolean;
            status: number | null;
        };
        AtsConnectionWithKey: {
            connection: components["schemas"]["AtsConnection"];
            /** @description the key the ATS calls with (`atk_…`, Greenhouse and Ashby), shown in this response only; null for Lever */
            inboundKey: string | null;
        };
        /** @description write-only: stored encrypted, never returned; giving one replaces it */
        AtsCredentials: {
            /** @description Ashby or Lever: the tenant's API key for that ATS */
            apiKey?: string;
            /** @description Lever: the webhook's signature token (Settings > Integrations and API > Webhooks) */
            webhookToken?: string;
        };
        /** @enum {string} */
        AtsProvider: "greenhouse" | "ashby" | "lever";
        AtsSettingsInput: {
            /**
             * Format: uuid
             * @description Lever: for postings the map omits
             */
            defaultPositionId?: string | null;
            /** @description Lever: posting id -> position id */
            positionMap?: {
                [key: string]: string;
            };
            /** @description mail the candidate their link (default true) */
            sendInvitation?: boolean;
            /** @description Lever: the stage whose arrival starts an interview */
            triggerStageId?: string | null;
        };
        AuditEvent: {
            action: string;
            actor: {
                id: string | null;
                kind: string;
                label: string;
            };
            at: string;
            data: {
                [key: string]: unknown;
            };
            /** Format: uuid */
            id: string;
            ip: string | null;
            requestId: string | null;
            target: string | null;
        };
        AuditPage: {
            items: components["schemas"]["AuditEvent"][];
            nextCursor: string | null;
        };
        AuditPerDay: {
            items: {
                action: string;
                count: number;
                /** @description YYYY-MM-DD in timeZone */
                day: string;
            }[];
            timeZone: string;
        };
        Billing: {
            cancelAtPeriodEnd: boolean;
            /** @description false: billing off (no Stripe configured), every tenant unlimited */
            enabled: boolean;
            nextInvoiceAt: string | null;
            pastDue: {
                graceEndsAt: string | null;
                since: string;
            } | null;
            period: {
                end: string;
                start: string;
            } | null;
            plan: {
                features: {
                    atsConnections: boolean;
                    llmEvaluator: boolean;
                };
                id: string;
                name: string;
            };
            plans: {
                id: string;
                limits: {
                    /** @description null: unlimited */
                    banks?: number | null;
                    /** @description null: unlimited */
                    interviews?: number | null;
                    /** @description null: unlimited */
                    positions?: number | null;
                    /** @description null: unlimited */
                    seats?: number | null;
                    /** @description null: unlimited */
                    webhookEndpoints?: number | null;
                };
                name: string;
            }[];
            /** @enum {string} */
            status: "trialing" | "active" | "past_due" | "canceled";
            trialEnd: string | null;
            usage: {
                /** @description null: unlimited */
                limit: number | null;
                /** @enum {string} */
                quota: "interviews" | "seats" | "positions" | "banks" | "webhookEndpoints";
                used: number;
            }[];
        };
        BillingPlan: {
            enabled: boolean;
            plan: {
                id: string;
                name: string;
            };
            /** @enum {string} */
            status: "trialing" | "active" | "past_due" | "canceled";
        };
        Branding: {
            displayName: string | null;
            logoUrl: string | null;
            primaryColor: string | null;
            welcomeMessage: string | null;
        };
        BrandingPatch: {
            displayName?: string | null;
            /** Format: uri */
            logoUrl?: string | null;
            primaryColor?: string | null;
            welcomeMessage?: string | null;
        };
        Candidate: {
            createdAt: string;
            email: string;
            externalId: string | null;
            /** Format: uuid */
            id: string;
            name: string;
        };
        CandidateAnswerResult: {
            nextReply: string;
            state: components["schemas"]["InterviewState"];
        };
        CandidateDetail: components["schemas"]["Candidate"] & {
            interviews: components["schemas"]["InterviewSummary"][];
        };
        CandidateErasure: {
            /** Format: uuid */
            candidateId: string;
            /** @description when the candidate was first erased */
            erasedAt: string;
            removed: {
                jobs: {
                    /** @description queued jobs kept: they carry ids only */
                    keptQueued: number;
                    /** @description finished jobs of their interviews and deliveries */
                    removed: number;
                };
                /** @description rows de-identified or deleted, per table */
                postgres: {
                    answers: number;
                    /** @description ATS references of their interviews, cleared */
                    atsLinks: number;
                    candidates: number;
                    evaluations: number;
                    idempotentResponses: number;
                    interviews: number;
                    interviewsEnded: number;
                    interviewTurns: number;
                    mailMessages: number;
                    reports: number;
                    reviewRequests: number;
                    schedules: number;
                    scoreOverrides: number;
                    selfIdentifications: number;
                    webhookAttempts: number;
                    webhookDeliveries: number;
                };
                redis: {
                    keys: number;
                };
            };
        };
        CandidateExport: {
            accessLog: {
                action: string;
                actorKind: string;
                /** @description ISO 8601 */
                at: string;
                target: string | null;
            }[];
            candidate: {
                /** @description ISO 8601 */
                createdAt: string;
                email: string;
                /** @description ISO 8601 */
                erasedAt: string | null;
                externalId: string | null;
                /** Format: uuid */
                id: string;
                name: string;
            };
            company: {
                /** Format: uuid */
                id: string;
                name: string;
            };
            /** @description ISO 8601 */
            exportedAt: string;
            /** @enum {string} */
            format: "candidate-export.v1";
            interviews: {
                aiNotice: {
                    /** @description ISO 8601 */
                    shownAt: string | null;
                    text: string;
                } | null;
                closingReply: string | null;
                conversationSummary: string | null;
                createdBy: string | null;
                /** @description ISO 8601 */
                endedAt: string | null;
                /** Format: uuid */
                id: string;
                plugin: {
                    id: string;
                    version: string;
                };
                position: {
                    designVersion: number | null;
                    id: string;
                } | null;
                report: {
                    /** @description ISO 8601 */
                    announcedAt: string | null;
                    /** @description ISO 8601 */
                    createdAt: string;
                    overall: number;
                    recommendation: string;
                    /** @description the report as stored when the interview finished */
                    report?: unknown;
                } | null;
                reviewRequest: {
                    message: string | null;
                    /** @description ISO 8601 */
                    requestedAt: string;
                    requestedBy: string;
                    resolutionNote: string | null;
                    /** @description ISO 8601 */
                    resolvedAt: string | null;
                } | null;
                role: {
                    id: string;
                    title: string;
                };
                scoreOverrides: {
                    /** @description ISO 8601 */
                    at: string;
                    by: string;
                    competency: string | null;
                    /** Format: uuid */
                    id: string;
                    originalScore: number;
                    reason: string;
                    score: number;
                }[];
                /** @description whether one is held; its answers are kept apart from hiring decisions */
                selfIdentification: {
                    /** @description ISO 8601 */
                    at: string | null;
                    held: boolean;
                };
                /** @description ISO 8601 */
                startedAt: string;
                status: string;
                turns: {
                    answer: {
                        /** @description ISO 8601 */
                        at: string;
                        text: string;
                    } | null;
                    /** @description ISO 8601 */
                    askedAt: string;
                    evaluation: {
                        /** @description ISO 8601 */
                        at: string;
                        evaluator: {
                            name: string;
                            version: string;
                        };
                        /** @description the stored evaluation (criteria, evidence quotes, flags) */
                        result?: unknown;
                        rubricId: string;
                        score: number;
                    } | null;
                    kind: string;
                    phase: string;
                    prompt: string;
                    questionId: string;
                    reply: string;
                    turn: number;
                }[];
            }[];
            notes: string[];
            schedules: {
                /** @description the ATS that asked for this interview, and its ids (cleared by erasure) */
                ats: {
                    applicationId: string | null;
                    candidateId: string | null;
                    jobId: string | null;
                    provider: string;
                } | null;
                /** @description ISO 8601 */
                createdAt: string;
                /** @description ISO 8601 */
                expiresAt: string;
                /** Format: uuid */
                id: string;
                /** Format: uuid */
                interviewId: string | null;
                linkActive: boolean;
                positionId: string | null;
                role: {
                    id: string;
                    title: string;
                };
                /** @description ISO 8601 */
                scheduledAt: string;
                status: string;
            }[];
            storedResponses: {
                body?: unknown;
                /** @description ISO 8601 */
                createdAt: string;
                key: string;
                scope: string;
                status: number;
            }[];
            webhookDeliveries: {
                attempts: {
                    attempt: number;
                    durationMs: number;
                    error: string | null;
                    responseBodyExcerpt: string | null;
                    responseStatus: number | null;
                    /** @description ISO 8601 */
                    startedAt: string;
                }[];
                /** @description ISO 8601 */
                createdAt: string;
                endpoint: {
                    /** Format: uuid */
                    id: string;
                    url: string;
                };
                eventType: string;
                id: string;
                payload?: unknown;
                status: string;
            }[];
        };
        CandidatePage: {
            items: components["schemas"]["Candidate"][];
            nextCursor: string | null;
        };
        Checkout: {
            /** @example starter */
            plan: string;
        };
        CheckoutSession: {
            /** @description send the browser here */
            url: string;
        };
        CreatedApiKey: components["schemas"]["ApiKey"] & {
            /** @description The secret; store it now */
            key: string;
        };
        CreatedUser: components["schemas"]["User"] & {
            invitationExpiresAt?: string;
            /** @description the one-time link, only when mail goes to the outbox (no SMTP_URL): hand it to the member yourself */
            invitationUrl?: string;
        };
        Ended: {
            report: components["schemas"]["Report"];
            state: components["schemas"]["InterviewState"];
        };
        Evaluation: {
            coverage: {
                covered: boolean;
                evidence: string | null;
                pointId: string;
            }[];
            criteria: {
                criterionId: string;
                evidence: string[];
                level: number;
                name: string;
                /** @description the level before rounding; the score is computed from it when present */
                position?: number;
                rationale: string;
                weight: number;
            }[];
            evaluator: {
                fallbackFrom?: string;
                fallbackReason?: string;
                name: string;
                version: string;
            };
            plugin: {
                id: string;
                version: string;
            };
            redFlags: {
                detail: string;
                evidence: string | null;
                kind: string;
            }[];
            rubricId: string;
            score: number;
            signals: {
                depth: number;
                relevance: number;
                structure: number;
            };
            summary: string;
            turn: number;
            /** @description set when the answer could not be judged: its score means nothing and a person should review it */
            unscorable?: {
                reason: string;
            };
        };
        ImpactCategory: {
            /** @description scored above the median overall score */
            aboveMedian: number;
            candidates: number;
            /** @description under 2 % of the data: reported, no impact ratio */
            excluded: boolean;
            /** @enum {string|null} */
            raceEthnicity: "hispanic_or_latino" | "white" | "black_or_african_american" | "native_hawaiian_or_pacific_islander" | "asian" | "native_american_or_alaska_native" | "two_or_more_races" | null;
            /** @description scoringImpactRatio below 0.8 */
            scoringFlagged: boolean;
            scoringImpactRatio: number | null;
            /** @description aboveMedian / candidates */
            scoringRate: number | null;
            /** @description recommended hire or strong_hire */
            selected: number;
            /** @description selectionImpactRatio below 0.8 */
            selectionFlagged: boolean;
            selectionImpactRatio: number | null;
            /** @description selected / candidates */
            selectionRate: number | null;
            /** @enum {string|null} */
            sex: "male" | "female" | null;
            /** @description candidates / all counted candidates */
            share: number;
        };
        ImpactRates: {
            /** @description scored above the median overall score */
            aboveMedian: number;
            candidates: number;
            /** @description aboveMedian / candidates */
            scoringRate: number | null;
            /** @description recommended hire or strong_hire */
            selected: number;
            /** @description selected / candidates */
            selectionRate: number | null;
        };
        InstallPlugin: {
            pluginId: string;
            version?: string;
        };
        InterviewDetail: {
            /** @description the AI notice the candidate read before starting (join links), and when */
            aiNotice: {
                shownAt: string;
                text: string;
            } | null;
            candidate: {
                email: string;
                /** Format: uuid */
                id: string;
                name: string;
            };
            /** Format: uuid */
            id: string;
            plugin: {
                id: string;
                version: string;
            };
            reviewRequest: components["schemas"]["ReviewRequest"];
            role: {
                id: string;
                title: string;
            };
            state: components["schemas"]["InterviewState"];
            /** @enum {string} */
            status: "in_progress" | "completed" | "ended";
            turns: {
                answer: string | null;
                kind: string;
                phase: string;
                question: string;
                questionId: string;
                reply: string;
                /** @description null until evaluated; 0 and meaningless when `unscorable` is set */
                score: number | null;
                summary: string | null;
                turn: number;
                /** @description set when the answer could not be judged: left out of the report, for a person to review */
                unscorable: {
                    reason: string;
                } | null;
            }[];
        };
        InterviewListItem: {
            candidate: {
                email: string;
                /** Format: uuid */
                id: string;
                name: string;
            };
            endedAt: string | null;
            /** Format: uuid */
            id: string;
            overall: number | null;
            positionId: string | null;
            /** @enum {string|null} */
            recommendation: "strong_hire" | "hire" | "lean_no" | "no_hire" | null;
            role: {
                id: string;
                title: string;
            };
            startedAt: string;
            /** @enum {string} */
            status: "in_progress" | "completed" | "ended";
        };
        InterviewPage: {
            items: components["schemas"]["InterviewListItem"][];
            nextCursor: string | null;
        };
        InterviewRole: {
            description: string;
            id: string;
            plugin: {
                id: string;
                name: string;
                version: string;
            };
            title: string;
        };
        InterviewState: {
            answered: number;
            /** @description turns asked per competency */
            coverage: {
                [key: string]: number;
            };
            currentQuestion: {
                /** @enum {string} */
                kind: "question" | "follow_up";
                /** @enum {string} */
                phase: "intro" | "technical" | "behavioral" | "situational" | "closing";
                questionId: string;
                text: string;
                timeLimitSec: number | null;
                turn: number;
            } | null;
            /** @description null for candidates */
            difficulty: number | null;
            /** Format: uuid */
            interviewId: string;
            lastEvaluated: {
                score: number;
                turn: number;
            } | null;
            /** @enum {string|null} */
            phase: "intro" | "technical" | "behavioral" | "situational" | "closing" | null;
            plugin: {
                id: string;
                version: string;
            };
            role: {
                id: string;
                title: string;
            };
            /** @enum {string} */
            status: "in_progress" | "completed" | "ended";
            totalTurns: number;
            /** @description the turn awaiting an answer; null when finished */
            turn: number | null;
        };
        InterviewSummary: {
            endedAt: string | null;
            /** Format: uuid */
            id: string;
            plugin: {
                id: string;
                version: string;
            };
            role: {
                id: string;
                title: string;
            };
            startedAt: string;
            status: string;
        };
        InvitationResent: {
            /** @description true when the link could not be made again (an older link): the mail carries a new one and the old one stopped working */
            newLink: boolean;
            schedule: components["schemas"]["Schedule"];
        };
        JoinLink: {
            aiNotice: string;
            branding: {
                displayName: string;
                logoUrl: string | null;
                primaryColor: string | null;
                welcomeMessage: string | null;
            };
            expiresAt: string;
            /** Format: uuid */
            interviewId: string | null;
            role: {
                title: string;
            };
            scheduledAt: string;
            /** @enum {string} */
            status: "scheduled" | "started" | "completed" | "expired" | "cancelled";
        };
        JoinStarted: {
            /** @description Bearer token for this interview’s answer and state routes and its Socket.IO room */
            candidateToken: string;
            /** @description The conversation so far, oldest first: the interviewer’s messages and the candidate’s answers (no scores) */
            conversation: {
                /** @enum {string} */
                from: "interviewer" | "candidate";
                text: string;
            }[];
            firstReply: string;
            /** Format: uuid */
            interviewId: string;
            state: components["schemas"]["InterviewState"];
        };
        Login: {
            /** Format: email */
            email: string;
            password: string;
            /** @description Tenant slug, when the email is in several tenants */
            tenant?: string;
        };
        MailMessage: {
            attempts: number;
            /** Format: uuid */
            candidateId: string | null;
            createdAt: string;
            /** @description why the last attempt failed, or why it was not sent */
            error: string | null;
            failedAt: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "invitation" | "reminder" | "member_invite" | "password_reset" | "security_notice";
            preview: string | null;
            /** Format: uuid */
            scheduleId: string | null;
            sendAfter: string;
            sentAt: string | null;
            /** @enum {string} */
            status: "queued" | "sending" | "sent" | "failed" | "cancelled";
            /** @description null until it is sent (composed when sent) */
            subject: string | null;
            to: string;
            /** @enum {string|null} */
            transport: "outbox" | "smtp" | null;
            /** Format: uuid */
            userId: string | null;
        };
        MailMessageDetail: components["schemas"]["MailMessage"] & {
            /** @description the HTML part as sent (show it sandboxed) */
            html: string | null;
            text: string | null;
        };
        MailMessagePage: {
            items: components["schemas"]["MailMessage"][];
            nextCursor: string | null;
        };
        MailTemplate: {
            body: string;
            default: {
                body: string;
                subject: string;
            };
            isDefault: boolean;
            /** @enum {string} */
            kind: "invitation" | "reminder";
            subject: string;
            updatedAt: string | null;
            updatedBy: string | null;
            variables: {
                description: string;
                name: string;
            }[];
        };
        MailTemplateInput: {
            body: string;
            /** @enum {string} */
            kind: "invitation" | "reminder";
            subject: string;
        };
        MailTemplateList: {
            items: components["schemas"]["MailTemplate"][];
        };
        MailTemplateReset: {
            /** @enum {string} */
            kind: "invitation" | "reminder";
        };
        Me: {
            /** Format: uuid */
            apiKeyId: string | null;
            /** @enum {string} */
            kind: "user" | "api_key";
            /** @enum {string} */
            role: "owner" | "admin" | "recruiter" | "viewer";
            tenant: components["schemas"]["Tenant"];
            user: components["schemas"]["User"] | null;
        };
        NewApiKey: {
            name: string;
            /**
             * @default recruiter
             * @enum {string}
             */
            role: "owner" | "admin" | "recruiter" | "viewer";
        };
        NewAtsConnection: {
            credentials?: components["schemas"]["AtsCredentials"];
            name?: string;
            provider: components["schemas"]["AtsProvider"];
            settings?: components["schemas"]["AtsSettingsInput"];
        };
        NewCandidate: {
            /** Format: email */
            email: string;
            externalId?: string;
            name: string;
        };
        NewCandidateErasure: {
            /** @description why (e.g. the candidate's request); kept in the audit log without their name or email */
            reason: string;
        };
        NewPosition: {
            department?: string | null;
            /**
             * @description the job description
             * @default
             */
            description: string;
            design: components["schemas"]["PositionDesign"];
            location?: string | null;
            title: string;
        };
        NewReviewRequest: {
            /** @description what the candidate would like */
            message?: string;
        };
        NewSchedule: {
            /** Format: email */
            candidateEmail: string;
            candidateName?: string;
            /** Format: date-time */
            expiresAt?: string;
            /** @description schedule sooner than the notice lead time anyway; recorded in the audit log */
            noticeOverride?: {
                reason: string;
            };
            /**
             * Format: uuid
             * @description a position: the interview runs its design
             */
            positionId?: string;
            /** @description required without positionId */
            role?: string;
            /** Format: date-time */
            scheduledAt: string;
            /** @description mail the candidate an invitation with the link (and a reminder before it expires); default false: you send the link yourself */
            sendInvitation?: boolean;
        };
        NewScoreOverride: {
            competency?: string;
            reason: string;
            score: number;
        };
        NewTenantDeletion: {
            /** @description the organisation's slug or its name, typed */
            confirm: string;
        };
        NewUser: {
            /** Format: email */
            email: string;
            /** @description set now by the admin; without it the member is mailed a one-time link (7 days) to choose their own */
            password?: string;
            /** @enum {string} */
            role: "owner" | "admin" | "recruiter" | "viewer";
        };
        NewWebhookEndpoint: {
            description?: string;
            /** @description default true */
            enabled?: boolean;
            /** @description the event types sent to this endpoint (at least one) */
            events: components["schemas"]["WebhookEvent"][];
            /**
             * Format: uri
             * @description absolute http(s) URL; private and loopback addresses are refused when delivering
             * @example https://ats.example.com/webhooks/ai-interviewer
             */
            url: string;
        };
        PartnerApiKey: {
            /** Format: uuid */
            id: string;
            /** @description aip_… — shown once */
            key: string;
            prefix: string;
        };
        PartnerSignUp: {
            /** Format: email */
            email: string;
            name: string;
            password: string;
        };
        PasswordResetAccepted: {
            message: string;
        };
        PasswordResetConfirm: {
            password: string;
            /** @description the `token` of the link, from its #fragment */
            token: string;
        };
        PasswordResetRequest: {
            /** Format: email */
            email: string;
            /** @description only the account in this tenant (a slug) */
            tenant?: string;
        };
        PasswordSet: {
            email: string;
            token: string;
        };
        PinPlugin: {
            version: string;
        };
        PluginDetail: components["schemas"]["PluginSummary"] & {
            versions: {
                publishedAt: string;
                sha256: string;
                version: string;
            }[];
        };
        PluginPage: {
            items: components["schemas"]["PluginSummary"][];
            nextCursor: string | null;
        };
        PluginSummary: {
            description: string;
            id: string;
            latestVersion: string;
            name: string;
            publisher: string;
            roles: {
                id: string;
                title: string;
            }[];
        };
        PluginVersion: {
            id: string;
            manifest: {
                [key: string]: unknown;
            };
            publishedAt: string;
            sha256: string;
            version: string;
        };
        PortalSession: {
            /** @description send the browser here */
            url: string;
        };
        Position: {
            createdAt: string;
            department: string | null;
            description: string;
            /** @description also the ETag; send it back as If-Match to edit */
            designVersion: number;
            /** Format: uuid */
            id: string;
            interviews: number;
            location: string | null;
            /** @description the tenant-private plugin version the design compiled to: what interviews pin */
            plugin: {
                id: string;
                version: string;
            };
            /** @enum {string} */
            status: "open" | "closed";
            title: string;
            updatedAt: string;
        };
        PositionBank: {
            /** @default [] */
            exclude: string[];
            include?: string[];
            pluginId: string;
            role?: string;
            version?: string;
        };
        PositionDesign: {
            /** @default null */
            aiNotice: string | null;
            /** @default [] */
            banks: components["schemas"]["PositionBank"][];
            /** @default [] */
            competencies: {
                description: string;
                id: string;
                name: string;
            }[];
            /** @default 2 */
            difficultyStart: number;
            /** @default en */
            language: string;
            /** @default 10 */
            length: number;
            /** @default [] */
            questions: components["schemas"]["PositionQuestion"][];
            /** @default null */
            quotas: {
                behavioral: number;
                closing: number;
                intro: number;
                situational: number;
                technical: number;
            } | null;
            /** @default [] */
            required: string[];
            /** @default [] */
            rubrics: {
                competency: string;
                criteria: {
                    id: string;
                    levels: {
                        1: string;
                        2: string;
                        3: string;
                        4: string;
                        5: string;
                    };
                    name: string;
                    weight: number;
                }[];
                id: string;
            }[];
            /** @default null */
            thresholds: {
                hire: number;
                leanNo: number;
                strongHire: number;
            } | null;
        };
        PositionDesignVersion: {
            design: components["schemas"]["PositionDesign"];
            version: number;
        };
        PositionDetail: components["schemas"]["Position"] & {
            design: components["schemas"]["PositionDesign"];
        };
        PositionDraft: {
            design: components["schemas"]["PositionDesign"];
            notes: string[];
            picks: {
                competencies: string[];
                /** @enum {string} */
                phase: "intro" | "technical" | "behavioral" | "situational" | "closing";
                pluginId: string | null;
                questionId: string;
                ref: string;
                score: number;
                text: string;
                why: string;
            }[];
            /**
             * @description llm: own questions by the model; banks: installed banks
             * @enum {string}
             */
            source: "banks" | "llm";
        };
        PositionDraftRequest: {
            /** @description the job description: data, never instructions */
            description: string;
            length?: number;
            title: string;
        };
        PositionEdit: {
            department?: string | null;
            /**
             * @description the job description
             * @default
             */
            description: string;
            design: components["schemas"]["PositionDesign"];
            location?: string | null;
            title: string;
        };
        PositionPage: {
            items: components["schemas"]["Position"][];
            nextCursor: string | null;
        };
        PositionPreview: {
            designVersion: number;
            turns: {
                phase: string;
                question: string;
                questionId: string;
                required: boolean;
                turn: number;
            }[];
        };
        PositionQuestion: {
            competencies: string[];
            /** @default 3 */
            difficulty: number;
            /** @default [] */
            expectedPoints: {
                id: string;
                keywords?: string[];
                text: string;
            }[];
            /** @default [] */
            followUps: {
                id: string;
                text: string;
                when: {
                    missingPoint: string;
                } | {
                    scoreBelow: number;
                };
            }[];
            id: string;
            /** @enum {string} */
            phase: "intro" | "technical" | "behavioral" | "situational" | "closing";
            referenceAnswer?: string;
            rubric: string;
            text: string;
            timeLimitSec?: number;
        };
        PositionStatusChange: {
            /** @enum {string} */
            status: "open" | "closed";
        };
        Problem: {
            /** @enum {string} */
            code: "validation_failed" | "malformed_json" | "unsupported_media_type" | "payload_too_large" | "unauthorized" | "forbidden" | "not_found" | "route_not_found" | "slug_taken" | "email_taken" | "tenant_required" | "last_owner" | "invalid_manifest" | "not_plugin_owner" | "version_exists" | "already_installed" | "unknown_role" | "interview_not_active" | "turn_mismatch" | "turn_already_answered" | "idempotency_in_progress" | "idempotency_key_reused" | "answer_too_long" | "report_not_ready" | "interview_in_progress" | "webhook_endpoint_disabled" | "schedule_locked" | "link_gone" | "rate_limited" | "invalid_design" | "position_closed" | "version_conflict" | "precondition_required" | "quota_exceeded" | "subscription_past_due" | "unknown_plan" | "invalid_signature" | "billing_unavailable" | "already_subscribed" | "billing_off" | "webhook_url_refused" | "review_resolved" | "notice_too_short" | "confirmation_mismatch" | "tenant_pending_deletion" | "grace_period_over" | "invalid_template" | "account_link_invalid" | "ats_connection_exists" | "position_unavailable" | "invalid_email" | "unavailable" | "internal_error";
            currentVersion?: number;
            detail: string;
            errors?: {
                message: string;
                path: string;
            }[];
            limit?: number;
            plan?: string;
            planName?: string;
            quota?: string;
            requestId?: string;
            status: number;
            title: string;
            type: string;
            used?: number;
        };
        PublishResult: {
            id: string;
            sha256: string;
            version: string;
        };
        /** @description minimum overall score per recommendation */
        RecommendationThresholds: {
            hire: number;
            leanNo: number;
            strongHire: number;
        };
        Report: {
            competencies: {
                effectiveScore: number;
                id: string;
                name: string;
                override: {
                    at: string;
                    by: string;
                    reason: string;
                    score: number;
                } | null;
                score: number;
                turns: number[];
            }[];
            concerns: {
                competency: string;
                evidence: {
                    quote: string;
                    turn: number;
                }[];
                missing: string[];
                summary: string;
            }[];
            coverage: {
                competenciesAssessed: number;
                competenciesInRole: number;
                expectedPointsAsked: number;
                expectedPointsCovered: number;
            };
            /** @enum {string} */
            evaluatedRecommendation: "strong_hire" | "hire" | "lean_no" | "no_hire";
            evaluators: string[];
            /** @description the candidate asked for a human review: while open, a person must look first */
            humanReview: {
                requestedAt: string;
                resolutionNote: string | null;
                resolvedAt: string | null;
                /** @enum {string} */
                status: "open" | "resolved";
            } | null;
            /** Format: uuid */
            interviewId: string;
            /** @description what the interview's model calls cost, as the provider reported it; null without a model */
            llmUsage: {
                /** @description the part of promptTokens served from the provider cache */
                cachedTokens: number;
                calls: number;
                completionTokens: number;
                promptTokens: number;
            } | null;
            overall: {
                effectiveScore: number;
                override: {
                    at: string;
                    by: string;
                    reason: string;
                    score: number;
                } | null;
                score: number;
            };
            plugin: {
                id: string;
                sha256: string;
                version: string;
            };
            /** @description the position interviewed for and the design version run */
            position: {
                designVersion: number;
                /** Format: uuid */
                id: string;
                title: string;
            } | null;
            /** @description true while `review` lists an answer: the scores and the recommendation rest on the judged answers only */
            provisional: boolean;
            /** @enum {string} */
            recommendation: "strong_hire" | "hire" | "lean_no" | "no_hire";
            redFlags: {
                detail: string;
                evidence: string | null;
                kind: string;
                turn: number;
            }[];
            /** @description answers the evaluator could not judge: left out of every score, for a person to review */
            review: {
                questionId: string;
                reason: string;
                turn: number;
            }[];
            role: {
                id: string;
                title: string;
            };
            status: string;
            strengths: {
                competency: string;
                evidence: {
                    quote: string;
                    turn: number;
                }[];
                summary: string;
            }[];
            thresholds: {
                hire: number;
                leanNo: number;
                strongHire: number;
            };
            transcript: {
                answer: string | null;
                kind: string;
                phase: string;
                question: string;
                score: number | null;
                turn: number;
            }[];
            version: string;
        };
        Reschedule: {
            /** Format: date-time */
            expiresAt?: string;
            /** Format: date-time */
            scheduledAt?: string;
        };
        ReviewRequest: {
            /** Format: uuid */
            interviewId: string;
            message: string | null;
            requestedAt: string;
            /** @enum {string} */
            requestedBy: "candidate" | "staff";
            resolutionNote: string | null;
            resolvedAt: string | null;
            /** @enum {string} */
            status: "open" | "resolved";
        } | null;
        ReviewResolution: {
            note: string;
        };
        RotatedWebhookSecret: components["schemas"]["WebhookEndpointWithSecret"] & {
            /** @description until then deliveries are signed with both the new and the previous secret */
            previousSecretExpiresAt: string;
        };
        Schedule: {
            /** @description the ATS that asked for this interview, and its ids for it; null when none did */
            ats: {
                applicationId: string | null;
                candidateId: string | null;
                /** Format: uuid */
                connectionId: string;
                jobId: string | null;
                /** Format: uuid */
                partnerId: string;
                /** @enum {string} */
                provider: "greenhouse" | "ashby" | "lever";
            } | null;
            candidate: {
                email: string;
                /** Format: uuid */
                id: string;
                name: string;
            };
            createdAt: string;
            expiresAt: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            interviewId: string | null;
            /** @description the candidate's latest invitation by mail (resends included); null when none was sent */
            invitation: {
                /** @description when it was sent or failed; while queued, when it is due */
                at: string;
                attempts: number;
                /** @description why the last attempt failed, or why it was not sent */
                error: string | null;
                /** Format: uuid */
                messageId: string;
                /** @enum {string} */
                status: "queued" | "sending" | "sent" | "failed" | "cancelled";
            } | null;
            positionId: string | null;
            /** @description the reminder before the link expires */
            reminder: {
                /** @description when it was sent or failed; while queued, when it is due */
                at: string;
                attempts: number;
                /** @description why the last attempt failed, or why it was not sent */
                error: string | null;
                /** Format: uuid */
                messageId: string;
                /** @enum {string} */
                status: "queued" | "sending" | "sent" | "failed" | "cancelled";
            } | null;
            role: {
                id: string;
                title: string;
            };
            scheduledAt: string;
            /** @enum {string} */
            status: "scheduled" | "started" | "completed" | "expired" | "cancelled";
        };
        ScheduledInterview: {
            expiresAt: string;
            /** Format: uuid */
            id: string;
            /** @description the invitation, queued, when sendInvitation was true */
            invitation: {
                /** @description when it was sent or failed; while queued, when it is due */
                at: string;
                attempts: number;
                /** @description why the last attempt failed, or why it was not sent */
                error: string | null;
                /** Format: uuid */
                messageId: string;
                /** @enum {string} */
                status: "queued" | "sending" | "sent" | "failed" | "cancelled";
            } | null;
            /** @description the candidate link; its token is shown only here */
            joinUrl: string;
            scheduledAt: string;
            /** @enum {string} */
            status: "scheduled" | "started" | "completed" | "expired" | "cancelled";
        };
        SchedulePage: {
            items: components["schemas"]["Schedule"][];
            nextCursor: string | null;
        };
        ScoreOverride: {
            at: string;
            by: string;
            /** @description null: the overall score */
            competency: string | null;
            /** Format: uuid */
            id: string;
            originalScore: number;
            reason: string;
            score: number;
        };
        SelfIdentification: {
            /**
             * @description `decline`: decline to answer
             * @enum {string}
             */
            raceEthnicity: "hispanic_or_latino" | "white" | "black_or_african_american" | "native_hawaiian_or_pacific_islander" | "asian" | "native_american_or_alaska_native" | "two_or_more_races" | "decline";
            /**
             * @description `decline`: decline to answer
             * @enum {string}
             */
            sex: "male" | "female" | "decline";
        };
        SignUp: {
            name: string;
            /** Format: email */
            ownerEmail: string;
            ownerPassword: string;
            slug: string;
        };
        Started: {
            firstReply: string;
            /** Format: uuid */
            interviewId: string;
            state: components["schemas"]["InterviewState"];
        };
        StartInterview: {
            candidate?: {
                /** Format: email */
                email: string;
                externalId?: string;
                name: string;
            };
            /** Format: uuid */
            candidateId?: string;
            /** @description turns, default 10 */
            length?: number;
            /** @description restrict to one installed plugin */
            pluginId?: string;
            /**
             * Format: uuid
             * @description a position of the tenant: the interview runs its latest design (its length too)
             */
            positionId?: string;
            /**
             * @description role id or title from an installed plugin (required without positionId)
             * @example backend-engineer
             */
            role?: string;
            /** @description fixes the question order */
            seed?: number;
        };
        StripeWebhookReceived: {
            outcome: string;
            /** @enum {boolean} */
            received: true;
        };
        Tenant: {
            branding: components["schemas"]["Branding"];
            /** @description days after a candidate's last interview ended until their data is erased (null: kept) */
            candidateRetentionDays: number | null;
            createdAt: string;
            /** @description a scheduled deletion of the organisation, restorable until deleteAfter */
            deletion: {
                deleteAfter: string;
                requestedAt: string;
            } | null;
            /** Format: uuid */
            id: string;
            name: string;
            noticeLeadBusinessDays: number;
            recommendationThresholds: components["schemas"]["RecommendationThresholds"];
            slug: string;
        };
        TenantDeletion: {
            /** @description when the grace period ends and the deletion runs */
            deleteAfter: string;
            requestedAt: string;
        };
        TenantPlugin: {
            installedAt: string;
            plugin: components["schemas"]["PluginSummary"] & unknown;
            pluginId: string;
            updatedAt: string;
            /** @description the pinned version interviews use */
            version: string;
        };
        TenantPluginPage: {
            items: components["schemas"]["TenantPlugin"][];
            nextCursor: string | null;
        };
        TenantSettings: {
            /** @description erase a candidate's data this many days after their last interview ended (default 365; null: keep) */
            candidateRetentionDays?: number | null;
            /** @description business days of notice a scheduled interview needs (0: none; LL144 asks for 10) */
            noticeLeadBusinessDays?: number;
            recommendationThresholds?: {
                hire: number;
                leanNo: number;
                strongHire: number;
            };
        };
        User: {
            createdAt: string;
            email: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            role: "owner" | "admin" | "recruiter" | "viewer";
            /**
             * @description `invited`: invited by email, has not chosen a password yet (cannot sign in)
             * @enum {string}
             */
            status: "active" | "invited";
            updatedAt: string;
        };
        UserPage: {
            items: components["schemas"]["User"][];
            nextCursor: string | null;
        };
        UserPatch: {
            password?: string;
            /** @enum {string} */
            role?: "owner" | "admin" | "recruiter" | "viewer";
        };
        WebhookAttempt: {
            attempt: number;
            durationMs: number;
            error: string | null;
            /** @description the first 1 KB of the response */
            responseBodyExcerpt: string | null;
            responseStatus: number | null;
            startedAt: string;
        };
        WebhookDelivery: {
            attemptCount: number;
            createdAt: string;
            /** Format: uuid */
            endpointId: string;
            eventType: components["schemas"]["WebhookEvent"];
            /** @description the `webhook-id` header, the same on every attempt */
            id: string;
            nextAttemptAt: string | null;
            /** @description the body sent (Standard Webhooks) */
            payload: {
                data: {
                    [key: string]: unknown;
                };
                timestamp: string;
                type: components["schemas"]["WebhookEvent"];
            };
            /** @enum {string} */
            status: "pending" | "succeeded" | "failed";
            updatedAt: string;
        };
        WebhookDeliveryDetail: components["schemas"]["WebhookDelivery"] & {
            attempts: components["schemas"]["WebhookAttempt"][];
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDelivery"][];
            nextCursor: string | null;
        };
        WebhookEndpoint: {
            createdAt: string;
            description: string | null;
            /** @description why the platform disabled it */
            disabledReason: string | null;
            enabled: boolean;
            events: components["schemas"]["WebhookEvent"][];
            /** Format: uuid */
            id: string;
            updatedAt: string;
            url: string;
        };
        WebhookEndpointPage: {
            items: components["schemas"]["WebhookEndpoint"][];
            nextCursor: string | null;
        };
        WebhookEndpointPatch: {
            /** @description null clears it */
            description?: string | null;
            /** @description true also clears disabledReason */
            enabled?: boolean;
            /** @description the event types sent to this endpoint (at least one) */
            events?: components["schemas"]["WebhookEvent"][];
            /**
             * Format: uri
             * @description absolute http(s) URL; private and loopback addresses are refused when delivering
             * @example https://ats.example.com/webhooks/ai-interviewer
             */
            url?: string;
        };
        WebhookEndpointWithSecret: components["schemas"]["WebhookEndpoint"] & {
            /** @description the signing secret (`whsec_…`), shown in this response only; store it now */
            secret: string;
        };
        /** @enum {string} */
        WebhookEvent: "interview.scheduled" | "interview.started" | "interview.completed" | "report.ready" | "score.overridden" | "billing.plan_changed" | "candidate.review_requested";
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
