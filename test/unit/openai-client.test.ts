import { describe, expect, it } from 'vitest';
import { createOpenAiClient } from '../../src/ai/openai-client.ts';
import { loadConfig } from '../../src/config/index.ts';

describe('OpenAI client', () => {
  it('is configured from config.openai only', () => {
    const config = loadConfig({
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: 'http://127.0.0.1:9/v1',
      OPENAI_TIMEOUT_MS: '1500',
      OPENAI_MAX_RETRIES: '1',
    });
    const client = createOpenAiClient(config.openai!);
    expect(client.apiKey).toBe('sk-test');
    expect(client.baseURL).toBe('http://127.0.0.1:9/v1');
    expect(client.timeout).toBe(1500);
    expect(client.maxRetries).toBe(1);
  });

  it('defaults to the OpenAI API without reading the environment', () => {
    const previous = process.env['OPENAI_BASE_URL'];
    process.env['OPENAI_BASE_URL'] = 'http://from-env.invalid/v1';
    try {
      const client = createOpenAiClient(loadConfig({ OPENAI_API_KEY: 'sk-test' }).openai!);
      expect(client.baseURL).toBe('https://api.openai.com/v1');
    } finally {
      if (previous === undefined) delete process.env['OPENAI_BASE_URL'];
      else process.env['OPENAI_BASE_URL'] = previous;
    }
  });
});
