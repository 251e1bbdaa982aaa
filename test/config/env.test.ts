import { describe, it, expect } from 'vitest';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
      { file: 'environment', path: 'PORT', message: 'not a port number: "eighty" (0 to 65535; 0 picks a free port)' },
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
  it('when a variable is set but empty, then it is refused naming it, not read as port 0 or the working directory', () => {
    const { config, problems } = readConfig(configDir, { PORT: '', DATABASE_URL: '', REDIS_URL: '', LOG_LEVEL: '' });
    expect(config).toBeUndefined();
    expect(problems).toEqual([
      { file: 'environment', path: 'PORT', message: 'set but empty; give a value, or unset it (then server.port in server.yaml applies)' },
      { file: 'environment', path: 'DATABASE_URL', message: 'set but empty; give a value, or unset it (then storage.database_url in storage.yaml applies)' },
      { file: 'environment', path: 'REDIS_URL', message: 'set but empty; give a value, or unset it (then queue.redis_url in queue.yaml applies)' },
      { file: 'environment', path: 'LOG_LEVEL', message: 'set but empty; give a value, or unset it (then the default applies)' },
    ]);
    expect(() => logLevelOf({ LOG_LEVEL: '' })).toThrow(ConfigError);
    // An X secret a CI run does not have arrives empty: that is "no credentials", as when unset.
    expect(readConfig(configDir, { X_BEARER_TOKEN: '' }).config?.secrets.xBearerToken).toBeNull();
    const emptyDir = readConfig('', { OUTAGE_RADAR_CONFIG: '' });
    expect(emptyDir.problems).toEqual([
      {
        file: 'environment',
        path: 'OUTAGE_RADAR_CONFIG',
        message: 'empty; give the configuration folder (the one holding trust.yaml), or leave it out (then config/ applies)',
      },
    ]);
    expect(readConfig('/nonexistent-or-config', {}).problems.map((p) => p.message)).toEqual([
      'configuration folder not found; give the folder holding trust.yaml (--config, or OUTAGE_RADAR_CONFIG)',
    ]);
  });

  it('when a variable holds what its file key would refuse, then it is refused the same way', () => {
    const messages = (env: Record<string, string>) => readConfig(configDir, env).problems.map((p) => `${p.path}: ${p.message}`);
    // Number() read " 80" as 80, "0x50" as 80 and "1e3" as 1000.
    for (const PORT of [' 80', '0x50', '1e3', '80.0'])
      expect(messages({ PORT }), PORT).toEqual([`PORT: not a port number: "${PORT}" (0 to 65535; 0 picks a free port)`]);
    expect(messages({ PORT: '0' })).toEqual([]);
    expect(messages({ HOST: 'localhost:8080' })).toEqual(['HOST: not an address or host name: "localhost:8080" (the port goes in PORT or server.port)']);
    expect(messages({ HOST: '0.0.0.0:80' })).toEqual(['HOST: not an address or host name: "0.0.0.0:80" (the port goes in PORT or server.port)']);
    expect(messages({ QUEUE_PREFIX: 'my radar' })).toEqual(['QUEUE_PREFIX: letters, digits and _ . : - only: "my radar"']);
    expect(messages({ X_API_BASE_URL: 'api.x.com' })).toEqual(['X_API_BASE_URL: not an http(s) URL: "api.x.com" (such as https://api.x.com)']);
    expect(messages({ X_API_BASE_URL: 'http://127.0.0.1:9000', QUEUE_PREFIX: 'radar.prod-1' })).toEqual([]);
  });

  it('when a file and a variable are both wrong, then one run names both', () => {
    const dir = mkdtempSync(join(tmpdir(), 'or-env-both-'));
    try {
      cpSync(configDir, dir, { recursive: true });
      writeFileSync(join(dir, 'server.yaml'), 'port: eighty\n');
      expect(readConfig(dir, { REDIS_URL: 'localhost:6379' }).problems.map((p) => `${p.file === 'environment' ? p.file : 'server.yaml'}: ${p.path}`)).toEqual([
        'server.yaml: port',
        'environment: REDIS_URL',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
