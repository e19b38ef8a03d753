#!/usr/bin/env node
// The `ai-interviewer` command: loads the TypeScript entry through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
