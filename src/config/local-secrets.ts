import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Secrets the embedded default generates once and keeps under the data dir (mode 0600). */
export interface LocalSecrets {
  postgresPassword: string;
  jwtSecret: string;
  demoPassword: string;
  /** the demo join link's token, while it is still usable */
  demoJoinToken?: string | undefined;
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');

export async function loadLocalSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.resolve(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    postgresPassword: random(24),
    jwtSecret: random(48),
    demoPassword: `demo-${random(9)}`,
  };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Keep a changed field (e.g. a fresh demo join token) with the other secrets. */
export async function saveLocalSecrets(dataDir: string, secrets: LocalSecrets): Promise<void> {
  await writeFile(path.resolve(dataDir, 'secrets.json'), JSON.stringify(secrets, null, 2), { mode: 0o600 });
}
