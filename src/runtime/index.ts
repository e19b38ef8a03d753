export {
  type BillingRuntime,
  billingRuntime,
  composeRuntime,
  type ProcessRole,
  type Runtime,
} from './compose.ts';
