import { beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

describe('tenant and branding', () => {
  it('updates the branding fields given and leaves the others', async () => {
    const t = await h.signUp({ name: 'Globex' });
    const first = await h.request('PATCH', '/api/v1/tenant/branding', {
      token: t.token,
      body: {
        primaryColor: '#12ab34',
        welcomeMessage: 'Welcome to Globex!',
        logoUrl: 'https://cdn.example.com/l.png',
      },
    });
    expect(first.status).toBe(200);
    const second = await h.request('PATCH', '/api/v1/tenant/branding', {
      token: t.token,
      body: { displayName: 'Globex Hiring', logoUrl: null },
    });
    expect(second.body.branding).toEqual({
      displayName: 'Globex Hiring',
      logoUrl: null,
      primaryColor: '#12ab34',
      welcomeMessage: 'Welcome to Globex!',
    });
    const got = await h.request('GET', '/api/v1/tenant', { token: t.token });
    expect(got.body).toMatchObject({
      id: t.id,
      name: 'Globex',
      slug: t.slug,
      branding: second.body.branding,
    });
  });

  it('refuses a javascript: logo URL and a malformed colour, storing nothing', async () => {
    const t = await h.signUp();
    for (const body of [{ logoUrl: 'javascript:alert(1)' }, { primaryColor: 'red' }]) {
      const res = await h.request('PATCH', '/api/v1/tenant/branding', { token: t.token, body });
      expect(res.status).toBe(400);
      expect(res.body.errors[0].path).toBe(`/body/${Object.keys(body)[0]}`);
    }
    const got = await h.request('GET', '/api/v1/tenant', { token: t.token });
    expect(got.body.branding.logoUrl).toBeNull();
    expect(got.body.branding.primaryColor).toBeNull();
  });
});
