// `npm start` runs this first: on a fresh clone the web app is built once (later starts reuse it).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const index = path.join(import.meta.dirname, 'dist', 'index.html');
if (!existsSync(index)) {
  console.log('Building the web app (first start only; `npm run build:web` rebuilds it)…');
  const result = spawnSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error('The web app did not build; the API still starts, and / explains how to build it.');
  }
}
