import { randomBytes } from 'node:crypto';
import type { TestProject } from 'vitest/node';
import { createOrm, deriveAppUrl, migrate } from '../../src/db/index.ts';
import { wordVectors } from '../../src/evaluation/index.ts';
import { syncBundledPlugins } from '../../src/plugins/index.ts';

/**
 * Each test run gets its own database on the machine's real PostgreSQL (TEST_DATABASE_URL,
 * default the local server as `postgres`), migrated as the owner; tests connect as the app role.
 */
const ADMIN_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    ownerUrl: string;
    appUrl: string;
  }
}

export default async function setup(project: TestProject) {
  // derive the evaluator's word vectors once, before the test workers all need them at once
  wordVectors();
  const name = `aii_test_${randomBytes(5).toString('hex')}`;
  const admin = await createOrm(ADMIN_URL, { poolMax: 1 });
  await admin.em.fork().execute(`create database ${name}`);

  const ownerUrl = new URL(ADMIN_URL);
  ownerUrl.pathname = `/${name}`;
  const appUrl = deriveAppUrl(ownerUrl.toString(), undefined);
  await migrate(ownerUrl.toString(), appUrl);
  // As on start: the bundled plugins are in the registry, so new tenants get them installed.
  const app = await createOrm(appUrl, { poolMax: 1 });
  await syncBundledPlugins(app);
  await app.close(true);
  project.provide('ownerUrl', ownerUrl.toString());
  project.provide('appUrl', appUrl);

  return async () => {
    await admin.em.fork().execute(`drop database if exists ${name} with (force)`);
    await admin.close(true);
  };
}
