export { type App, createApp } from './app.ts';
export type { AppEnv } from './env.ts';
export { startHttpServer } from './server.ts';
export { createServices, type Services } from './services.ts';
