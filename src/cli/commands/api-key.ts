import { parseArgs } from '../args.js';
import type { Command, CommandIO } from '../usage.js';
import { UsageError } from '../usage.js';
import { boot, type Runtime } from '../../app/boot.js';
import { createKey, listKeys, revokeKey, type ApiKey } from '../../api/auth/keys-repo.js';
import { isRole, ROLES } from '../../api/auth/roles.js';
import { KEY_ID_RE } from '../../api/auth/keys.js';
import { closest } from '../suggest.js';

const SUBCOMMANDS = ['create', 'list', 'revoke'];

const USAGE = `outage-radar api-key create --role <reader|admin> --name <name> [--config <dir>]
       outage-radar api-key list [--json] [--config <dir>]
       outage-radar api-key revoke <id> [--config <dir>]`;

/** Works on the store directly (no running API, no key needed): how the first admin key is made. */
async function withStore<T>(configDir: string | undefined, io: CommandIO, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await boot({ configDir, env: io.env });
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

function table(keys: ApiKey[]): string {
  const rows = [['ID', 'ROLE', 'NAME', 'CREATED', 'LAST USED', 'REVOKED'], ...keys.map((k) => [k.id, k.role, k.name, k.created_at, k.last_used_at ?? '-', k.revoked_at ?? '-'])];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n') + '\n';
}

const nowIso = () => new Date().toISOString(); // operational time: the wall clock

export const apiKeyCommand: Command = {
  name: 'api-key',
  summary: 'create, list and revoke API keys (create the first admin key)',
  usage: USAGE,
  help: `Manages the API keys in the store named by the configuration. Roles: reader (every GET,
POST /api/v1/reports, the live stream) and admin (also /api/v1/keys, webhooks, /admin/queues).

  create   prints the new key on stdout, once: only its SHA-256 is stored. Save it now.
  list     every key with its id (the key's public prefix), role, name and dates; --json for JSON
  revoke   revokes the key with that id at once (it answers 401 from then on)

With the embedded database, stop the server first (one process owns it) or use the HTTP
endpoints (/api/v1/keys) with an admin key.

Options:
  --role <role>   reader or admin (create)
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
        const role = values.role;
        const k = await withStore(values.config, io, (rt) => createKey(rt.ctx.db, name, role, nowIso()));
        io.stdout.write(`${k.key}\n`);
        io.stderr.write(`created ${k.role} key ${k.id} ("${k.name}"); the key above is shown only this once\n`);
        return 0;
      }
      case 'list': {
        if (rest.length) throw new UsageError('api-key list takes no arguments');
        const keys = await withStore(values.config, io, (rt) => listKeys(rt.ctx.db));
        io.stdout.write(values.json ? JSON.stringify({ keys }, null, 2) + '\n' : keys.length ? table(keys) : 'no API keys yet: outage-radar api-key create --role admin --name <name>\n');
        return 0;
      }
      case 'revoke': {
        const [id, ...extra] = rest;
        if (!id || extra.length) throw new UsageError('api-key revoke takes one key id (see api-key list)');
        if (!KEY_ID_RE.test(id)) throw new UsageError(`"${id}" is not a key id (ork_ and 10 hex digits; see api-key list)`);
        const k = await withStore(values.config, io, (rt) => revokeKey(rt.ctx.db, id, nowIso()));
        if (!k) {
          io.stderr.write(`outage-radar: no API key "${id}"\n`);
          return 1;
        }
        io.stdout.write(`revoked ${k.role} key ${k.id} ("${k.name}") at ${k.revoked_at}\n`);
        return 0;
      }
      default:
        if (!sub) throw new UsageError(`api-key needs a subcommand: create, list or revoke (see outage-radar api-key --help)`);
        const near = closest(sub, SUBCOMMANDS);
        throw new UsageError(`unknown api-key subcommand ${sub}; ${near ? `did you mean ${near}?` : `use ${SUBCOMMANDS.join(', ')}`}`);
    }
  },
};
