#!/usr/bin/env node
// The compiled CLI lives in dist/ (built by `npm run build`, which `npm ci` runs via `prepare`).
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import('../dist/src/cli/main.js')
  .then((m) => m.main(process.argv.slice(2)))
  .catch((err) => {
    if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/src/cli')) {
      console.error('outage-radar: not built yet; run `npm run build` (npm ci does it through `prepare`)');
    } else {
      console.error(`outage-radar: ${err && err.message ? err.message : String(err)}`);
    }
    process.exit(1);
  });
