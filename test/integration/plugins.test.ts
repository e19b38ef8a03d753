import { readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { emSql, withoutTenant } from '../../src/db/index.ts';
import { BUNDLED_PLUGINS_DIR, bundledManifests, loadManifest } from '../../src/plugins/index.ts';
import { createHarness, type Harness } from '../helpers/harness.ts';
import { signUpPartner, testManifest } from '../helpers/plugins.ts';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});

const count = async (sql: string, params: unknown[]) =>
  Number((await h.ownerOrm.em.fork().execute<{ n: string }[]>(sql, params))[0]?.n);

describe('partner registry: publish', () => {
  it('publishes a version (201), and the same content again is an idempotent 200', async () => {
    const partner = await signUpPartner(h);
    const manifest = testManifest();
    const first = await h.request('POST', '/api/v1/partner/plugins', { token: partner.key, body: manifest });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id: manifest.id, version: '0.1.0' });
    expect(first.body.sha256).toMatch(/^[0-9a-f]{64}$/);

    // Same content, other key order and formatting: same hash, nothing new stored.
    const reordered = JSON.stringify(Object.fromEntries(Object.entries(manifest).reverse()), null, 4);
    const again = await h.request('POST', '/api/v1/partner/plugins', {
      token: partner.key,
      raw: reordered,
      headers: { 'content-type': 'application/json' },
    });
    expect(again.status).toBe(200);
    expect(again.body.sha256).toBe(first.body.sha256);
    expect(await count('select count(*) n from plugin_versions where plugin_id = ?', [manifest.id])).toBe(1);
  });

  it('versions are immutable: other content under a published version is 409 and changes nothing', async () => {
    const partner = await signUpPartner(h);
    const manifest = testManifest();
    const first = await h.request('POST', '/api/v1/partner/plugins', { token: partner.key, body: manifest });
    const changed = { ...manifest, description: 'Sneakily changed' };
    const res = await h.request('POST', '/api/v1/partner/plugins', { token: partner.key, body: changed });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('version_exists');
    const rows = await h.ownerOrm.em
      .fork()
      .execute<{ sha256: string; manifest: { description: string } }[]>(
        'select sha256, manifest from plugin_versions where plugin_id = ?',
        [manifest.id],
      );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sha256).toBe(first.body.sha256);
    expect(rows[0]!.manifest.description).toBe(manifest.description);
  });

  it('the app role cannot update or delete a published version even with raw SQL', async () => {
    const partner = await signUpPartner(h);
    const manifest = testManifest();
    await h.request('POST', '/api/v1/partner/plugins', { token: partner.key, body: manifest });
    const em = h.orm.em.fork();
    await expect(
      em.execute(`update plugin_versions set sha256 = repeat('0', 64) where plugin_id = ?`, [manifest.id]),
    ).rejects.toThrow(/permission denied/);
    await expect(
      em.execute('delete from plugin_versions where plugin_id = ?', [manifest.id]),
    ).rejects.toThrow(/permission denied/);
  });

  it('the first publisher owns the id: another partner gets 403 not_plugin_owner', async () => {
    const [owner, other] = [await signUpPartner(h), await signUpPartner(h)];
    const manifest = testManifest();
    expect(
      (await h.request('POST', '/api/v1/partner/plugins', { token: owner.key, body: manifest })).status,
    ).toBe(201);
    const res = await h.request('POST', '/api/v1/partner/plugins', {
      token: other.key,
      body: { ...manifest, version: '9.0.0' },
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('not_plugin_owner');
    expect(await count('select count(*) n from plugin_versions where plugin_id = ?', [manifest.id])).toBe(1);
  });

  it('a malformed manifest is a 400 listing each problem by JSON path, and nothing is stored', async () => {
    const partner = await signUpPartner(h);
    const manifest = testManifest();
    const broken = structuredClone(manifest);
    broken.questions[1]!.rubric = 'no-such-rubric';
    broken.roles[0]!.id = 'Bad Id';
    broken.version = '1.0';
    const res = await h.request('POST', '/api/v1/partner/plugins', { token: partner.key, body: broken });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('invalid_manifest');
    const paths = res.body.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/version', '/roles/0/id', '/questions/1/rubric']));
    expect(await count('select count(*) n from plugins where id = ?', [manifest.id])).toBe(0);
  });

  it('a manifest over 2 MB is a 413', async () => {
    const partner = await signUpPartner(h);
    const huge = testManifest({ description: 'x'.repeat(2 * 1024 * 1024) });
    const res = await h.request('POST', '/api/v1/partner/plugins', { token: partner.key, body: huge });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('payload_too_large');
  });

  it('publishing needs a partner key: none, a tenant token or a wrong key is 401', async () => {
    const t = await h.signUp();
    for (const token of [undefined, t.token, 'aip_not-a-real-key-000000000000000']) {
      const res = await h.request('POST', '/api/v1/partner/plugins', { token, body: testManifest() });
      expect(res.status).toBe(401);
    }
  });
});

describe('catalog', () => {
  it('finds plugins by role, shows versions newest first, and serves a version with its manifest', async () => {
    const partner = await signUpPartner(h);
    const t = await h.signUp();
    const manifest = testManifest();
    for (const version of ['1.0.0', '1.10.0', '1.2.0']) {
      const res = await h.request('POST', '/api/v1/partner/plugins', {
        token: partner.key,
        body: { ...manifest, version },
      });
      expect(res.status).toBe(201);
    }
    const byRole = await h.request('GET', `/api/v1/plugins?role=support%20engineer&q=${manifest.id}`, {
      token: t.token,
    });
    expect(byRole.status).toBe(200);
    expect(byRole.body.items.map((p: { id: string }) => p.id)).toEqual([manifest.id]);
    expect(byRole.body.items[0]).toMatchObject({
      latestVersion: '1.10.0',
      roles: [{ id: 'support-engineer' }],
    });
    const none = await h.request('GET', `/api/v1/plugins?role=astronaut&q=${manifest.id}`, {
      token: t.token,
    });
    expect(none.body.items).toEqual([]);

    const detail = await h.request('GET', `/api/v1/plugins/${manifest.id}`, { token: t.token });
    expect(detail.body.versions.map((v: { version: string }) => v.version)).toEqual([
      '1.10.0',
      '1.2.0',
      '1.0.0',
    ]);
    const version = await h.request('GET', `/api/v1/plugins/${manifest.id}/versions/1.2.0`, {
      token: t.token,
    });
    expect(version.body.manifest.questions).toHaveLength(manifest.questions.length);
    expect(version.body.manifest.version).toBe('1.2.0');
    expect(
      (await h.request('GET', `/api/v1/plugins/${manifest.id}/versions/3.0.0`, { token: t.token })).status,
    ).toBe(404);
  });

  it('pages through the catalog with a cursor', async () => {
    // Other tests publish concurrently, so assert order and uniqueness, and that a plugin
    // published before paging is found, rather than a global count.
    const partner = await signUpPartner(h);
    const manifest = testManifest();
    await h.request('POST', '/api/v1/partner/plugins', { token: partner.key, body: manifest });
    const t = await h.signUp();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const qs: string = cursor ? `limit=2&cursor=${cursor}` : 'limit=2';
      const page = await h.request('GET', `/api/v1/plugins?${qs}`, { token: t.token });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((p: { id: string }) => p.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual([...seen].sort());
    expect(seen).toContain(manifest.id);
    expect(seen.length).toBeGreaterThan(2);
  });

  it('publishes the manifest JSON Schema without auth', async () => {
    const res = await h.request('GET', '/api/v1/plugins/manifest.schema.json');
    expect(res.status).toBe(200);
    expect(res.body.$schema).toContain('json-schema.org');
    expect(res.body.required).toEqual(expect.arrayContaining(['id', 'version', 'questions', 'rubrics']));
    expect(res.body.properties.questions.items.properties.phase.enum).toEqual([
      'intro',
      'technical',
      'behavioral',
      'situational',
      'closing',
    ]);
    const question = res.body.properties.questions.items;
    expect(question.properties.referenceAnswer).toMatchObject({
      type: 'string',
      maxLength: 4000,
      description: expect.stringMatching(/model answer/i),
    });
    expect(question.required).not.toContain('referenceAnswer');
  });
});

describe('tenant installs', () => {
  it('a new tenant starts with every bundled plugin installed at its latest version', async () => {
    const { readdirSync } = await import('node:fs');
    const { BUNDLED_PLUGINS_DIR } = await import('../../src/plugins/index.ts');
    const bundled = readdirSync(BUNDLED_PLUGINS_DIR)
      .map((d) => `ai-interviewer.${d}`)
      .sort();
    expect(bundled.length).toBeGreaterThanOrEqual(2);
    const t = await h.signUp();
    const res = await h.request('GET', '/api/v1/tenant/plugins?limit=200', { token: t.token });
    const installed = res.body.items as {
      pluginId: string;
      version: string;
      plugin: { latestVersion: string };
    }[];
    expect(installed.map((i) => i.pluginId).sort()).toEqual(bundled);
    for (const i of installed) expect(i.version).toBe(i.plugin.latestVersion);
  });

  async function published(versions: string[]) {
    const partner = await signUpPartner(h);
    const manifest = testManifest();
    for (const version of versions) {
      await h.request('POST', '/api/v1/partner/plugins', {
        token: partner.key,
        body: { ...manifest, version },
      });
    }
    return manifest.id;
  }

  it('installs (pinned), upgrades, rolls back and uninstalls; another tenant never sees the install', async () => {
    const id = await published(['1.0.0', '1.1.0']);
    const [a, b] = [await h.signUp(), await h.signUp()];

    const install = await h.request('POST', '/api/v1/tenant/plugins', {
      token: a.token,
      body: { pluginId: id, version: '1.0.0' },
    });
    expect(install.status).toBe(201);
    expect(install.body).toMatchObject({
      pluginId: id,
      version: '1.0.0',
      plugin: { latestVersion: '1.1.0' },
    });

    const listed = await h.request('GET', '/api/v1/tenant/plugins?limit=200', { token: a.token });
    expect(listed.body.items.find((i: { pluginId: string }) => i.pluginId === id)).toMatchObject({
      version: '1.0.0',
    });
    const other = await h.request('GET', '/api/v1/tenant/plugins?limit=200', { token: b.token });
    expect(other.body.items.some((i: { pluginId: string }) => i.pluginId === id)).toBe(false);
    expect(
      (
        await h.request('PATCH', `/api/v1/tenant/plugins/${id}`, {
          token: b.token,
          body: { version: '1.1.0' },
        })
      ).status,
    ).toBe(404);
    expect((await h.request('DELETE', `/api/v1/tenant/plugins/${id}`, { token: b.token })).status).toBe(404);

    const upgraded = await h.request('PATCH', `/api/v1/tenant/plugins/${id}`, {
      token: a.token,
      body: { version: '1.1.0' },
    });
    expect(upgraded.body.version).toBe('1.1.0');
    const missing = await h.request('PATCH', `/api/v1/tenant/plugins/${id}`, {
      token: a.token,
      body: { version: '7.0.0' },
    });
    expect(missing.status).toBe(404);
    const rolledBack = await h.request('PATCH', `/api/v1/tenant/plugins/${id}`, {
      token: a.token,
      body: { version: '1.0.0' },
    });
    expect(rolledBack.body.version).toBe('1.0.0');

    expect((await h.request('DELETE', `/api/v1/tenant/plugins/${id}`, { token: a.token })).status).toBe(204);
    const after = await h.request('GET', '/api/v1/tenant/plugins?limit=200', { token: a.token });
    expect(after.body.items.some((i: { pluginId: string }) => i.pluginId === id)).toBe(false);
  });

  it('installing twice is 409 already_installed; an unknown plugin or version is 404', async () => {
    const id = await published(['2.0.0']);
    const t = await h.signUp();
    expect(
      (await h.request('POST', '/api/v1/tenant/plugins', { token: t.token, body: { pluginId: id } })).body
        .version,
    ).toBe('2.0.0');
    const twice = await h.request('POST', '/api/v1/tenant/plugins', {
      token: t.token,
      body: { pluginId: id },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('already_installed');
    expect(
      (
        await h.request('POST', '/api/v1/tenant/plugins', {
          token: t.token,
          body: { pluginId: 'nope.nothing' },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await h.request('POST', '/api/v1/tenant/plugins', {
          token: t.token,
          body: { pluginId: id, version: '0.0.1' },
        })
      ).status,
    ).toBe(404);
  });

  it('installs are tenant rows under RLS: tenant A cannot read B installs even with raw SQL', async () => {
    const id = await published(['1.0.0']);
    const [a, b] = [await h.signUp(), await h.signUp()];
    await h.request('POST', '/api/v1/tenant/plugins', { token: b.token, body: { pluginId: id } });
    const { withTenant } = await import('../../src/db/index.ts');
    const rows = await withTenant(h.orm, a.id, (em) =>
      em.execute('select * from tenant_plugins where tenant_id = ?', [b.id]),
    );
    expect(rows).toEqual([]);
    expect(
      await count('select count(*) n from tenant_plugins where tenant_id = ? and plugin_id = ?', [b.id, id]),
    ).toBe(1);
  });

  it('a recruiter cannot install (admin+)', async () => {
    const id = await published(['1.0.0']);
    const t = await h.signUp();
    const { body: key } = await h.request('POST', '/api/v1/api-keys', {
      token: t.token,
      body: { name: 'r', role: 'recruiter' },
    });
    const res = await h.request('POST', '/api/v1/tenant/plugins', { token: key.key, body: { pluginId: id } });
    expect(res.status).toBe(403);
  });
});

describe('bundled banks read at start', () => {
  it('bundledManifests gives the very objects turns load, so what the evaluator prepared is found again', async () => {
    const manifests = await bundledManifests(h.orm);
    expect(manifests.map((m) => m.id).sort()).toEqual(
      readdirSync(BUNDLED_PLUGINS_DIR)
        .map((name) => `ai-interviewer.${name}`)
        .sort(),
    );
    for (const m of manifests) {
      const loaded = await withoutTenant(h.orm, (em) => loadManifest(emSql(em), m.id, m.version));
      expect(loaded).toBe(m);
    }
  });
});
