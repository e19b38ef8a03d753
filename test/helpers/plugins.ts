import type { Manifest } from '../../src/plugins/index.ts';
import { starterManifest } from '../../src/plugins/index.ts';
import { type Harness, uniq } from './harness.ts';

/** A valid manifest with a unique id, for tests that publish. */
export function testManifest(overrides: Partial<Manifest> = {}): Manifest {
  return { ...starterManifest(`${uniq('acme')}.support`, 'Acme Test'), ...overrides };
}

export interface TestPartner {
  id: string;
  key: string;
}

export async function signUpPartner(h: Harness): Promise<TestPartner> {
  const res = await h.request('POST', '/api/v1/partners', {
    body: { name: 'Acme Plugins', email: `${uniq('partner')}@example.com`, password: 'partner password 123' },
  });
  if (res.status !== 201) throw new Error(`partner sign-up failed: ${res.status} ${res.text}`);
  return { id: res.body.partner.id, key: res.body.apiKey.key };
}
