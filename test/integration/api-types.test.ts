import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';

/**
 * The web app's API types are generated from the OpenAPI document the API serves
 * (openapi-typescript), never copied by hand: this test fails when the checked-in file differs
 * from what the document gives today. `UPDATE_API_TYPES=1` rewrites the file instead.
 */
const FILE = path.resolve(import.meta.dirname, '../../apps/web/src/api-types.ts');
const HEADER = `/**
 * Generated from GET /api/v1/openapi.json by openapi-typescript: do not edit by hand. To refresh
 * after an API change: UPDATE_API_TYPES=1 npx vitest run test/integration/api-types.test.ts
 */

`;

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe("the web app's API types", () => {
  it('are what the OpenAPI document gives', async () => {
    const doc = await h.request('GET', '/api/v1/openapi.json');
    expect(doc.status).toBe(200);
    const generated = HEADER + astToString(await openapiTS(doc.body, { alphabetize: true }));
    if (process.env['UPDATE_API_TYPES']) writeFileSync(FILE, generated);
    expect(readFileSync(FILE, 'utf8')).toBe(generated);
  });
});
