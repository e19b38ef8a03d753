export { composeRuntime, type ProcessRole, type Runtime } from './compose.ts';
