import { join, resolve } from 'node:path';
import { parseArgs } from '../args.js';
import type { Command, CommandIO } from '../usage.js';
import { UsageError } from '../usage.js';
import { loadConfig, defaultConfigDir } from '../../config/load.js';
import { openStore } from '../../store/open.js';
import { databaseStartError } from '../../app/start-errors.js';
import { lockOwner } from '../../store/lock-file.js';
import type { ApiKey } from '../../store/api-keys-repo.js';
import { isRole, ROLES } from '../../domain/roles.js';
import { KEY_ID_RE } from '../../api/auth/keys.js';
import { closest } from '../../core/suggest.js';
import { runKeyOp, type KeyOp, type KeyOpResult } from '../../app/control/key-ops.js';
import { controlSocketPath, requestOverSocket } from '../../app/control/socket.js';

const SUBCOMMANDS = ['create', 'list', 'revoke'];

const USAGE = `outage-radar api-key create --role <${ROLES.join('|')}> --name <name> [--config <dir>]
       outage-radar api-key list [--json] [--config <dir>]
       outage-radar api-key revoke <id> [--config <dir>]`;

/**
 * Runs one key operation where the store is: asked of the running process that owns the
 * embedded store (over its control socket: a second process must never open a live PGlite
 * folder), else on the store opened here (PostgreSQL, or an embedded store nobody runs).
 * No Redis is needed either way.
 */
async function perform(op: KeyOp, configDir: string | undefined, io: CommandIO): Promise<KeyOpResult> {
  const config = loadConfig(configDir ?? defaultConfigDir(io.env), io.env);
  if (!config.storage.database_url) {
    const dataDir = resolve(config.storage.data_dir);
    const owner = lockOwner(join(dataDir, 'pglite'));
    const answer = owner === null ? null : await askOwner(op, dataDir, owner, io);
    if (answer) return answer;
  }
  const db = await openStore(config.storage).catch((err: unknown) => {
    throw databaseStartError(err, config, io.env);
  });
  try {
    return await runKeyOp(db, op, new Date().toISOString()); // operational time: the wall clock
  } finally {
    await db.close();
  }
}

/** How long a command waits for a server that owns the store but has not opened its socket yet. */
export const SOCKET_WAIT_MS = 30_000;

/**
 * Asks the owner over its socket. A server that is starting owns the store a few seconds before
 * its socket answers (opening and migrating the store first): then the command waits for it,
 * while the owner lives, instead of failing with advice that does not fit a first install
 * (there is no admin key yet for /api/v1/keys).
 */
async function askOwner(op: KeyOp, dataDir: string, owner: number, io: CommandIO): Promise<KeyOpResult | null> {
  const socket = controlSocketPath(dataDir);
  const until = Date.now() + SOCKET_WAIT_MS;
  let said = false;
  for (;;) {
    try {
      return await requestOverSocket(socket, op);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const notYet = code === 'ENOENT' || code === 'ECONNREFUSED';
      const alive = lockOwner(join(dataDir, 'pglite')) === owner;
      if (notYet && alive && Date.now() < until) {
        if (!said) io.stderr.write(`outage-radar: waiting for process ${owner}, which owns the embedded database, to finish starting\n`);
        said = true;
        await new Promise((r) => setTimeout(r, 250));
        continue;
      }
      if (notYet && !alive) {
        return null; // it stopped meanwhile: the store is free, open it here
      }
      if (notYet || code === 'EACCES') {
        throw new Error(
          `the embedded database in ${dataDir} is owned by process ${owner}, which does not take key commands on ${socket} (${code}` +
            `${notYet ? ` after ${SOCKET_WAIT_MS / 1000} s` : ''}); if it is still starting, retry in a few seconds; else stop it and run this command again ` +
            `(or, with an admin key already, use /api/v1/keys)`,
          { cause: err },
        );
      }
      throw err;
    }
  }
}

function table(keys: ApiKey[]): string {
  const rows = [
    ['ID', 'ROLE', 'NAME', 'CREATED', 'LAST USED', 'REVOKED'],
    ...keys.map((k) => [k.id, k.role, k.name, k.created_at, k.last_used_at ?? '-', k.revoked_at ?? '-']),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => c.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

export const apiKeyCommand: Command = {
  name: 'api-key',
  summary: 'create, list and revoke API keys (create the first admin key)',
  usage: USAGE,
  help: `Manages the API keys in the store named by the configuration. Roles: reporter (only
POST /api/v1/reports, as public posts: a customer-facing form), reader (every GET,
POST /api/v1/reports as staff, the live stream) and admin (also /api/v1/keys, webhooks, source
changes, /admin/queues).

  create   prints the new key on stdout, once: only its SHA-256 is stored. Save it now.
  list     every key with its id (the key's public prefix), role, name and dates; --json for JSON
  revoke   revokes the key with that id at once (it answers 401 from then on)

Works while the server runs: when "outage-radar start" owns the embedded database (the lock
file in the data folder), the command asks it over the Unix socket control.sock in the data
folder (mode 0600: the server's user only) instead of opening the database. With PostgreSQL
(DATABASE_URL) it uses the database directly.

Options:
  --role <role>   reporter (reports only), reader or admin (create)
  --name <name>   who or what uses the key (create)
  --json          JSON output (list)
  --config <dir>  configuration folder (default: config/, or OUTAGE_RADAR_CONFIG)`,
  async run(args, io) {
    const { values, positionals } = parseArgs('api-key', {
      args,
      options: { config: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, json: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
    const [sub, ...rest] = positionals;
    switch (sub) {
      case 'create': {
        if (rest.length) throw new UsageError(`api-key create takes no arguments, got "${rest.join(' ')}"`);
        if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        const name = values.name?.trim();
        if (!name || name.length > 100) throw new UsageError('--name is required (1 to 100 characters)');
        const r = await perform({ op: 'api-key.create', name, role: values.role }, values.config, io);
        if (r.op !== 'api-key.create') throw new Error('unexpected answer');
        io.stdout.write(`${r.key.key}\n`);
        io.stderr.write(`created ${r.key.role} key ${r.key.id} ("${r.key.name}"); the key above is shown only this once\n`);
        return 0;
      }
      case 'list': {
        if (rest.length) throw new UsageError('api-key list takes no arguments');
        const r = await perform({ op: 'api-key.list' }, values.config, io);
        if (r.op !== 'api-key.list') throw new Error('unexpected answer');
        const keys = r.keys;
        io.stdout.write(
          values.json
            ? JSON.stringify({ keys }, null, 2) + '\n'
            : keys.length
              ? table(keys)
              : 'no API keys yet: outage-radar api-key create --role admin --name <name>\n',
        );
        return 0;
      }
      case 'revoke': {
        const [id, ...extra] = rest;
        if (!id || extra.length) throw new UsageError('api-key revoke takes one key id (see api-key list)');
        if (!KEY_ID_RE.test(id)) throw new UsageError(`"${id}" is not a key id (ork_ and 10 hex digits; see api-key list)`);
        const r = await perform({ op: 'api-key.revoke', id }, values.config, io);
        if (r.op !== 'api-key.revoke') throw new Error('unexpected answer');
        if (!r.key) {
          io.stderr.write(`outage-radar: no API key "${id}"\n`);
          return 1;
        }
        io.stdout.write(`revoked ${r.key.role} key ${r.key.id} ("${r.key.name}") at ${r.key.revoked_at}\n`);
        return 0;
      }
      default: {
        if (!sub) throw new UsageError(`api-key needs a subcommand: create, list or revoke (see outage-radar api-key --help)`);
        const near = closest(sub, SUBCOMMANDS);
        throw new UsageError(`unknown api-key subcommand ${sub}; ${near ? `did you mean ${near}?` : `use ${SUBCOMMANDS.join(', ')}`}`);
      }
    }
  },
};
