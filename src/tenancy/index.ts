export { createApiKey, deleteApiKey, listApiKeys } from './api-keys.ts';
export { cancelDeletion, refuseWhileDeletionPending, requestDeletion } from './deletion.ts';
export { ensureDemoTenant } from './demo.ts';
export { type SignUpInput, signUpTenant } from './sign-up.ts';
export { getTenant, updateBranding, updateThresholds } from './tenant.ts';
export { createUser, deleteUser, getUser, listUsers, updateUser } from './users.ts';
