export { composeRuntime, type ProcessRole, type Runtime, registerJobs } from './compose.ts';
