import { describe, it, expect } from 'vitest';
import { readConfig } from '../../src/config/load.js';
import { defaultPublicBaseUrl } from '../../src/outputs/webhooks/fan-out.js';
import { configDir } from '../helpers/catalog.js';
import { logLevelOf } from '../../src/config/env.js';
import { ConfigError } from '../../src/config/yaml-file.js';

describe('environment overrides', () => {
  it('when deployment values are in the environment, then they override the files', () => {
    const { config, problems } = readConfig(configDir, {
      PORT: '9090',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://u@db:5432/radar',
      REDIS_URL: 'redis://cache:6379',
      QUEUE_PREFIX: 'prod',
      PUBLIC_URL: 'https://radar.example.com',
      X_BEARER_TOKEN: 'secret-token',
    });
    expect(problems).toEqual([]);
    expect(config!.server).toMatchObject({ port: 9090, host: '0.0.0.0', public_url: 'https://radar.example.com' });
    expect(config!.storage.database_url).toBe('postgres://u@db:5432/radar');
    expect(config!.queue).toMatchObject({ redis_url: 'redis://cache:6379', prefix: 'prod' });
    expect(config!.secrets.xBearerToken).toBe('secret-token');
    // Webhook messages link to where receivers can reach the API.
    expect(defaultPublicBaseUrl(config!)).toBe('https://radar.example.com');
  });

  it('when an environment value is malformed, then the problem names the variable', () => {
    const { config, problems } = readConfig(configDir, { PORT: 'eighty', REDIS_URL: 'localhost:6379', PUBLIC_URL: 'nope' });
    expect(config).toBeUndefined();
    expect(problems).toEqual([
      { file: 'environment', path: 'PORT', message: 'not a port number: "eighty"' },
      { file: 'environment', path: 'PUBLIC_URL', message: 'not an http(s) URL' },
      { file: 'environment', path: 'REDIS_URL', message: 'not a redis:// URL' },
    ]);
  });

  it('when LOG_LEVEL or HOST is a value start cannot use, then check-config names the variable (start died on it before)', () => {
    const { config, problems } = readConfig(configDir, { LOG_LEVEL: 'loud', HOST: '999.1.1.1' });
    expect(config).toBeUndefined();
    expect(problems).toEqual([
      { file: 'environment', path: 'HOST', message: 'not an IPv4 address: "999.1.1.1"' },
      { file: 'environment', path: 'LOG_LEVEL', message: 'not a log level: "loud"; one of info, debug, warn, silent' },
    ]);
    expect(readConfig(configDir, { HOST: 'my_host' }).problems.map((p) => p.message)).toEqual(['not an address or host name: "my_host"']);
    for (const [HOST, LOG_LEVEL] of [
      ['localhost', 'debug'],
      ['::1', 'warn'],
      ['0.0.0.0', 'silent'],
      ['radar.internal', 'info'],
    ]) {
      expect(readConfig(configDir, { HOST, LOG_LEVEL }).problems, HOST).toEqual([]);
    }
    // Commands that make a logger without reading the configuration refuse it the same way.
    expect(() => logLevelOf({ LOG_LEVEL: 'loud' })).toThrow(ConfigError);
  });

  it('when no public URL is set, then links use the listen address', () => {
    const { config } = readConfig(configDir, { PORT: '8081' });
    expect(defaultPublicBaseUrl(config!)).toBe('http://127.0.0.1:8081');
  });
});
