import { PGlite } from '@electric-sql/pglite';
const t0 = performance.now();
const lap = (l) => console.log(l, Math.round(performance.now() - t0));
const db = new PGlite(); await db.waitReady; lap('init');
const blob = await db.dumpDataDir('none'); lap('dump ' + blob.size);
const db2 = new PGlite({ loadDataDir: blob }); await db2.waitReady; lap('load from dump');
const db3 = new PGlite({ loadDataDir: blob }); await db3.waitReady; lap('load from dump 2');
const db4 = new PGlite(); await db4.waitReady; lap('init again');
