/**
 * Experiments for model selection (not part of the build's outputs): cross-validation and
 * leave-one-origin-out on the TRAINING split only, for feature and learner variants.
 *
 *   node dist/scripts/classifier-experiments.js <name>... | --list | --errors=<name>:<origin> | --outside=<name>[,<name>...]
 *
 * `--outside` trains each variant on the whole training split (with the unlabelled pool when it
 * self-trains) and scores the outside test origins (OUTSIDE_TEST_ORIGINS) and a few look-alike
 * probes at the variant's own threshold: a comparison of variants, not the shipped model's figures.
 */
import { join } from 'node:path';
import { readCorpus, originKey, foldOf, type CorpusRow } from '../src/analyze/classifier/corpus.js';
import { repoRoot } from '../src/repo-root.js';
import { labelledSocialRows, OUTSIDE_TEST_ORIGINS } from './lib/social-labels.js';
import { unlabelledPool, poolCounts } from './lib/unlabelled-pool.js';
import { pickPseudo, classRatio, type Pseudo } from './lib/self-training.js';
import { docsOf, encode, keepByDf, type Dataset, type LinearWeights, type TrainSet } from '../src/analyze/classifier/dataset.js';
import { fitSgd } from '../src/analyze/classifier/learners/sgd.js';
import { fitNaiveBayes } from '../src/analyze/classifier/learners/naive-bayes.js';
import { plattScale, bestThreshold } from '../src/analyze/classifier/train.js';
import { calibrate } from '../src/analyze/classifier/model.js';
import { metrics } from '../src/analyze/classifier/metrics.js';
import { fitWideDeep, scoreWD, type WideDeep } from './lib/wide-and-deep.js';
import { loooOrigins } from '../src/analyze/classifier/looo.js';

interface Exp {
  algo: 'lr' | 'nb' | 'svm' | 'ens' | 'nblr' | 'wd';
  H?: number;
  eta2?: number;
  wd?: number;
  lambda?: number;
  epochs?: number;
  alpha?: number;
  minDf?: number;
  /** 'all', 'none' or [min, max] gram length. */
  char?: 'all' | 'none' | [number, number];
  noBigrams?: boolean;
  binary?: boolean;
  weight?: 'none' | 'origin' | 'sqrtOrigin' | 'originClass';
  exclude?: string[];
  hwWeight?: number;
  norm?: boolean;
  /** Value of a per-origin indicator feature used in training only (0: none). */
  fx?: number;
  /** Drop the `power:<feature>` conjunctions (features version 10) to compare without them. */
  noPower?: boolean;
  /** Value of a character n-gram feature (before normalisation, with `norm`; 1: as encoded). */
  gram?: number;
  /** Value of a bigram (`a|b`) and of a cue or placeholder (`__x__`) feature before normalisation (1: as encoded). */
  big?: number;
  cue?: number;
  /** Register copies (Daumé 2007): each feature also listed as `<register>:<feature>`, at this value (0: none). */
  feda?: number;
  /** With `norm`: the exponent of the summed counts each document is divided by (0.5: the shipped square root). */
  pow?: number;
  /** With `norm`: the summed counts are capped at this before the root is taken (0: no cap), so a long text stops diluting. */
  cap?: number;
  /** Group DRO, one step: each origin's rows weighted by exp(dro × (its cross-validated log loss − the mean)), then refitted (0: off). */
  dro?: number;
  /** Set by the DRO step: the weight factor of each origin. */
  originFactor?: Map<string, number>;
  /** One round of self-training on the unlabelled pool (scripts/lib/self-training.ts). */
  self?: boolean;
  /** Row weight of a pseudo-labelled text (default 0.3). */
  selfW?: number;
  /** Teacher probability at or above which a text is a pseudo-outage (default 0.9). */
  selfHi?: number;
  /** Teacher probability at or below which a text is a pseudo-non-outage (default 0.05). */
  selfLo?: number;
  /** 0: keep every confident text instead of matching the labelled class ratio (default 1). */
  selfBal?: number;
}

const OLD = ['tweets', 'crisis', 'mastodon', 'rss'];
const base: Exp = { algo: 'lr', lambda: 1e-5, epochs: 8, minDf: 2, char: 'all', weight: 'none', exclude: [] };
const E: Record<string, Exp> = {
  base,
  'l1e-4': { ...base, lambda: 1e-4 },
  'l3e-4': { ...base, lambda: 3e-4 },
  'l1e-3': { ...base, lambda: 1e-3 },
  nochar: { ...base, char: 'none' },
  'nochar-l1e-4': { ...base, char: 'none', lambda: 1e-4 },
  char3: { ...base, char: [3, 3] },
  char34: { ...base, char: [3, 4] },
  binary: { ...base, binary: true },
  df5: { ...base, minDf: 5 },
  origin: { ...base, weight: 'origin' },
  sqrtOrigin: { ...base, weight: 'sqrtOrigin' },
  originClass: { ...base, weight: 'originClass' },
  noold: { ...base, exclude: OLD },
  nohw: { ...base, exclude: ['hand-written'] },
  nb: { ...base, algo: 'nb', alpha: 0.5 },
  'nb-nochar': { ...base, algo: 'nb', alpha: 0.5, char: 'none' },
  ens: { ...base, algo: 'ens', alpha: 0.5 },
};

function parse(name: string): Exp {
  // name = preset[+key=value...], e.g. base+lambda=1e-4+char=none+weight=origin+exclude=old
  const [preset, ...mods] = name.split('+');
  const e: Exp = { ...(E[preset] ?? base) };
  for (const m of mods) {
    const [k, v] = m.split('=');
    if (
      k === 'H' ||
      k === 'eta2' ||
      k === 'wd' ||
      k === 'lambda' ||
      k === 'epochs' ||
      k === 'alpha' ||
      k === 'minDf' ||
      k === 'hwWeight' ||
      k === 'feda' ||
      k === 'pow' ||
      k === 'cap' ||
      k === 'dro' ||
      k === 'selfW' ||
      k === 'selfHi' ||
      k === 'selfLo' ||
      k === 'selfBal'
    )
      (e as unknown as Record<string, unknown>)[k] = Number(v);
    else if (k === 'char') e.char = v === 'none' || v === 'all' ? v : (v.split('-').map(Number) as [number, number]);
    else if (k === 'weight') e.weight = v as Exp['weight'];
    else if (k === 'exclude') e.exclude = v === 'old' ? OLD : v === 'oldhw' ? [...OLD, 'hand-written'] : v.split(',');
    else if (k === 'algo') e.algo = v as Exp['algo'];
    else if (k === 'binary') e.binary = v === '1';
    else if (k === 'norm') e.norm = v === '1';
    else if (k === 'fx') e.fx = Number(v);
    else if (k === 'noPower') e.noPower = v === '1';
    else if (k === 'gram') e.gram = Number(v);
    else if (k === 'big') e.big = Number(v);
    else if (k === 'cue') e.cue = Number(v);
    else if (k === 'noBigrams') e.noBigrams = v === '1';
    else if (k === 'self') e.self = v === '1';
    else throw new Error('unknown ' + k);
  }
  return e;
}

function featureMask(data: Dataset, e: Exp): Uint8Array {
  const keep = new Uint8Array(data.names.length);
  data.names.forEach((n, i) => {
    let ok = true;
    if (n.startsWith('~')) {
      const len = n.length - 1;
      if (e.char === 'none') ok = false;
      else if (Array.isArray(e.char)) ok = len >= e.char[0] && len <= e.char[1];
    } else if (e.noBigrams && n.includes('|')) ok = false;
    else if (e.noPower && n.startsWith('power:')) ok = false;
    keep[i] = ok ? 1 : 0;
  });
  return keep;
}

function weightsOf(data: Dataset, members: number[], e: Exp): number[] {
  const key = (m: number): string => originKey(data.rows[m].origin);
  const w = members.map((m) => (key(m) === 'hand-written' && e.hwWeight !== undefined ? e.hwWeight : 1) * (e.originFactor?.get(key(m)) ?? 1));
  if (!e.weight || e.weight === 'none') return w;
  const count = new Map<string, number>();
  const cell = (m: number): string => (e.weight === 'originClass' ? key(m) + ':' + data.rows[m].label : key(m));
  for (const m of members) count.set(cell(m), (count.get(cell(m)) ?? 0) + 1);
  const raw = members.map((m, i) => {
    const n = count.get(cell(m)) ?? 1;
    return w[i] * (e.weight === 'sqrtOrigin' ? 1 / Math.sqrt(n) : 1 / n);
  });
  const mean = raw.reduce((a, b) => a + b, 0) / raw.length;
  return raw.map((x) => x / mean);
}

let binaryData: Dataset | null = null;
let fxFirst = -1;
function withFx(data: Dataset, fx: number): Dataset {
  if (!fx) return data;
  const key = String(fx);
  let d = fxCache.get(key);
  if (d) return d;
  const names = [...data.names];
  const idxOf = new Map<string, number>();
  fxFirst = names.length;
  const docs = data.docs.map((doc, r) => {
    const k = '__origin:' + originKey(data.rows[r].origin);
    let i = idxOf.get(k);
    if (i === undefined) {
      i = names.length;
      idxOf.set(k, i);
      names.push(k);
    }
    return { idx: Int32Array.from([...doc.idx, i]), val: Float32Array.from([...doc.val, fx]) };
  });
  d = { rows: data.rows, names, docs };
  fxCache.set(key, d);
  return d;
}
/** The model as used at inference: origin indicators dropped. */
function strip(m: LinearWeights): LinearWeights {
  if (fxFirst < 0) return m;
  const w = Float64Array.from(m.weights);
  for (let i = fxFirst; i < w.length; i++) w[i] = 0;
  return { bias: m.bias, weights: w };
}
const fxCache = new Map<string, Dataset>();
const scaledCache = new Map<string, Dataset>();
/** The dataset with bigram and cue features at other values than 1 (before normalisation). */
function scaled(data: Dataset, big: number, cue: number): Dataset {
  if (big === 1 && cue === 1) return data;
  const key = `${big}:${cue}`;
  let d = scaledCache.get(key);
  if (!d) {
    const value = data.names.map((n) => (n.includes('|') ? big : n.startsWith('__') || n.startsWith('power:__') ? cue : 1));
    d = { rows: data.rows, names: data.names, docs: data.docs.map((doc) => ({ idx: doc.idx, val: doc.val.map((v, k) => v * value[doc.idx[k]]) })) };
    scaledCache.set(key, d);
  }
  return d;
}
const views = new Map<string, Dataset>();
/** The dataset as an experiment sees it, made once per variant (it is asked for once per scored row). */
function dataFor(data0: Dataset, e: Exp): Dataset {
  const data = withFx(data0, e.fx ?? 0);
  if (e.binary && !e.norm) {
    if (!binaryData) binaryData = { ...data, docs: data.docs.map((d) => ({ idx: d.idx, val: d.val.map(() => 1) })) };
    return binaryData;
  }
  const key = [e.fx ?? 0, e.norm ? 'sqrt-count' : 'raw', e.gram ?? 1, e.big ?? 1, e.cue ?? 1, e.feda ?? 0, e.pow ?? 0.5, e.cap ?? 0].join(':');
  let view = views.get(key);
  if (!view) {
    const pow = e.pow ?? 0.5;
    if (e.norm && (pow !== 0.5 || e.cap)) {
      const raw = docsOf(scaled(data, e.big ?? 1, e.cue ?? 1), undefined, e.gram ?? 1);
      const docs = raw.map((d) => {
        let n = 0;
        for (let k = 0; k < d.val.length; k++) n += d.val[k];
        const z = Math.pow(Math.max(1, e.cap ? Math.min(n, e.cap) : n), pow);
        return { idx: d.idx, val: d.val.map((v) => v / z) };
      });
      view = { ...data, docs };
    } else view = { ...data, docs: docsOf(scaled(data, e.big ?? 1, e.cue ?? 1), e.norm ? 'sqrt-count' : undefined, e.gram ?? 1) };
    if (e.feda) view = registerCopies(view, e.feda);
    views.set(key, view);
  }
  return view;
}

const REGISTERS = ['official', 'social', 'headline'];
/** Each feature listed again in its row's register's copy (known at use from the source kind). */
function registerCopies(data: Dataset, value: number): Dataset {
  const n = data.names.length;
  const names = [...data.names, ...REGISTERS.flatMap((r) => data.names.map((x) => `${r}:${x}`))];
  const docs = data.docs.map((d, row) => {
    const off = n * (1 + REGISTERS.indexOf(data.rows[row].register));
    return {
      idx: Int32Array.from([...d.idx, ...Array.from(d.idx, (i) => i + off)]),
      val: Float32Array.from([...d.val, ...Array.from(d.val, (v) => v * value)]),
    };
  });
  return { ...data, names, docs };
}

/** `extra`: pseudo-labelled pool texts trained on beside the labelled members (self-training). */
function fit(data0: Dataset, members0: number[], e: Exp, mask0: Uint8Array, extra?: Pseudo): WideDeep {
  const data = dataFor(data0, e);
  const mask = new Uint8Array(data.names.length).fill(1);
  mask.set(mask0);
  const excl = new Set(e.exclude ?? []);
  const labelled = members0.filter((m) => !excl.has(originKey(data.rows[m].origin)));
  const members = extra ? [...labelled, ...extra.members] : labelled;
  const keep = keepByDf(data, members, e.minDf ?? 2);
  for (let i = 0; i < keep.length; i++) keep[i] &= mask[i];
  const labels = [...labelled.map((m) => data.rows[m].label), ...(extra?.labels ?? [])];
  const weights = [...weightsOf(data, labelled, e), ...(extra?.members.map(() => extra.weight) ?? [])];
  const set: TrainSet = { data, members, labels, weights, keep };
  if (e.algo === 'wd') return fitWideDeep(set, { lambda: e.lambda ?? 1e-5, epochs: e.epochs ?? 8, H: e.H ?? 32, eta2: e.eta2 ?? 0.05, wd: e.wd ?? 1e-6 });
  if (e.algo === 'nb') return fitNaiveBayes(set, e.alpha ?? 0.5);
  if (e.algo === 'nblr') {
    // NB-weighted logistic regression (Wang & Manning 2012): features scaled by naive Bayes'
    // log-count ratio, then LR; folded back into one weight per original feature.
    const r = fitNaiveBayes(set, e.alpha ?? 1).weights;
    const scaled: Dataset = { ...data, docs: data.docs.map((d) => ({ idx: d.idx, val: Float32Array.from(d.val, (v, j) => v * r[d.idx[j]]) })) };
    const m = fitSgd({ ...set, data: scaled }, { loss: 'log', lambda: e.lambda ?? 1e-5, epochs: e.epochs ?? 8 });
    return { bias: m.bias, weights: m.weights.map((w, i) => w * r[i]) };
  }
  if (e.algo === 'lr' && e.fx) return strip(fitSgd(set, { loss: 'log', lambda: e.lambda ?? 1e-5, epochs: e.epochs ?? 8 }));
  const lr = fitSgd(set, { loss: e.algo === 'svm' ? 'hinge' : 'log', lambda: e.lambda ?? 1e-5, epochs: e.epochs ?? 8 });
  if (e.algo !== 'ens') return lr;
  // Average of LR score and NB log-odds scaled to similar spread.
  const nb = fitNaiveBayes(set, e.alpha ?? 0.5);
  const w = new Float64Array(lr.weights.length);
  for (let i = 0; i < w.length; i++) w[i] = lr.weights[i] + 0.25 * nb.weights[i];
  return { bias: lr.bias + 0.25 * nb.bias, weights: w };
}

interface Proc {
  model: WideDeep;
  a: number;
  b: number;
  threshold: number;
  oof: number[];
  /** The model of each cross-validation fold (trained without that fold). */
  folds: WideDeep[];
  /** Self-training: the pool's size and how many texts the final student took as each class. */
  pseudo?: { pool: number; pos: number; neg: number };
}

/**
 * `pool`: unlabelled rows (indexes into data) a self-training variant may pseudo-label; the
 * caller leaves out of it whatever must stay unseen (a left-out origin).
 */
function procedure(data: Dataset, members: number[], e: Exp, mask: Uint8Array, pool: readonly number[] = [], k = 5): Proc {
  if (e.dro && !e.originFactor) {
    // One step of group DRO: the origins the plain model fits worst (cross-validated) weigh more.
    const first = procedure(data, members, { ...e, dro: 0 }, mask, pool, k);
    const loss = new Map<string, { sum: number; n: number }>();
    members.forEach((m, i) => {
      const o = originKey(data.rows[m].origin);
      const p = Math.min(1 - 1e-6, Math.max(1e-6, first.oof[i]));
      const l = data.rows[m].label === 1 ? -Math.log(p) : -Math.log(1 - p);
      const c = loss.get(o) ?? { sum: 0, n: 0 };
      c.sum += l;
      c.n++;
      loss.set(o, c);
    });
    const mean = [...loss.values()].reduce((a, c) => a + c.sum / c.n, 0) / loss.size;
    const originFactor = new Map([...loss].map(([o, c]) => [o, Math.exp((e.dro ?? 0) * (c.sum / c.n - mean))]));
    return procedure(data, members, { ...e, originFactor }, mask, pool, k);
  }
  if (e.self && pool.length) return selfTrained(data, members, e, mask, pool, k);
  return crossFitted(data, members, e, mask, k);
}

/**
 * One round of self-training. The teacher is the plain procedure on the labelled members. Each
 * student fold trains on its labelled training folds plus the pool as labelled by the teacher of
 * the same folds (so no label of the scored fold reaches it, not even through a pseudo-label);
 * the final student adds the pool as labelled by the final teacher. Pseudo-labelled rows are never
 * scored: calibration and threshold come from the labelled rows' out-of-fold predictions only.
 */
function selfTrained(data: Dataset, members: number[], e: Exp, mask: Uint8Array, pool0: readonly number[], k: number): Proc {
  const teacher = crossFitted(data, members, { ...e, self: false }, mask, k);
  const excl = new Set(e.exclude ?? []);
  const pool = pool0.filter((m) => !excl.has(originKey(data.rows[m].origin)));
  const labelled = members.filter((m) => !excl.has(originKey(data.rows[m].origin)));
  const docs = dataFor(data, e).docs;
  const opts = {
    hi: e.selfHi ?? 0.9,
    lo: e.selfLo ?? 0.05,
    weight: e.selfW ?? 0.3,
    ratio: e.selfBal === 0 ? 0 : classRatio(labelled.map((m) => data.rows[m].label)),
  };
  const label = (model: WideDeep): Pseudo =>
    pickPseudo(
      pool,
      pool.map((m) => calibrate(scoreWD(model, docs[m]), teacher.a, teacher.b)),
      opts,
    );
  const perFold = teacher.folds.map(label);
  const final = label(teacher.model);
  const pos = final.labels.filter((l) => l === 1).length;
  const student = crossFitted(data, members, e, mask, k, (f) => (f < 0 ? final : perFold[f]));
  return { ...student, pseudo: { pool: pool.length, pos, neg: final.labels.length - pos } };
}

/** k-fold out-of-fold scores, Platt calibration and threshold on them, and the model on all members. `extra(f)`: rows added to fold f's training (f = -1: the final model's). */
function crossFitted(data: Dataset, members: number[], e: Exp, mask: Uint8Array, k: number, extra?: (fold: number) => Pseudo): Proc {
  const folds = members.map((m) => foldOf(data.rows[m].group, k));
  const scores = new Array<number>(members.length).fill(0);
  const foldModels: WideDeep[] = [];
  for (let f = 0; f < k; f++) {
    const model = fit(
      data,
      members.filter((_, i) => folds[i] !== f),
      e,
      mask,
      extra?.(f),
    );
    foldModels.push(model);
    members.forEach((m, i) => {
      if (folds[i] === f) scores[i] = scoreWD(model, dataFor(data, e).docs[m]);
    });
  }
  // Calibration and threshold on the rows actually trained on (the excluded origins are not).
  const excl = new Set(e.exclude ?? []);
  const inIdx = members.flatMap((m, i) => (excl.has(originKey(data.rows[m].origin)) ? [] : [i]));
  const labels = inIdx.map((i) => data.rows[members[i]].label);
  const cal = plattScale(
    inIdx.map((i) => scores[i]),
    labels,
  );
  const oof = scores.map((s) => calibrate(s, cal.a, cal.b));
  const { threshold } = bestThreshold(
    inIdx.map((i) => oof[i]),
    labels,
  );
  return { model: fit(data, members, e, mask, extra?.(-1)), a: cal.a, b: cal.b, threshold, oof, folds: foldModels };
}

const f3 = (x: number): string => x.toFixed(3);

/**
 * Rows appended to the corpus rows before encoding (one vocabulary for all), never in a training
 * split: the unlabelled pool (`self=1`), the outside test rows and the probes (`--outside`).
 */
interface Appended {
  /** Corpus rows are data.rows[0 .. corpus). */
  corpus: number;
  pool: number[];
  outside: number[];
  probes: number[];
}

const PROBES = ['my motivation is down today', 'AWS stock is down 3%', 'Stripe is shutting down its old API'];
const POOL_PER_ORIGIN = 3000;
const POOL_TOTAL = 30000;

/** The corpus's training split (appended rows are never in it). */
const trainingRows = (data: Dataset, app: Appended): number[] => data.rows.slice(0, app.corpus).flatMap((r, i) => (r.split === 'train' ? [i] : []));

/** The pool without one origin's texts (a left-out origin stays completely unseen). */
const poolWithout = (data: Dataset, pool: readonly number[], origin: string): number[] => pool.filter((m) => originKey(data.rows[m].origin) !== origin);

function run(data: Dataset, name: string, origins: string[], app: Appended, errorsFor?: string): void {
  const e = parse(name);
  const mask = featureMask(data, e);
  const t0 = Date.now();
  const train = trainingRows(data, app);
  const p = procedure(data, train, e, mask, app.pool);
  const pred = p.oof.map((x) => x >= p.threshold);
  const sub = (keep: (i: number) => boolean) => {
    const idx = train.flatMap((m, i) => (keep(m) ? [i] : []));
    return metrics(
      idx.map((i) => data.rows[train[i]].label),
      idx.map((i) => pred[i]),
    );
  };
  const social = sub((m) => data.rows[m].register === 'social' && !OLD.includes(originKey(data.rows[m].origin)));
  const official = sub((m) => data.rows[m].register === 'official');
  const headline = sub((m) => data.rows[m].register === 'headline');
  const socialAll = sub((m) => data.rows[m].register === 'social');
  const parts: string[] = [];
  const f1s: number[] = [];
  for (const origin of origins) {
    if (errorsFor && origin !== errorsFor) continue;
    const members = train.filter((m) => originKey(data.rows[m].origin) !== origin);
    const held = train.filter((m) => originKey(data.rows[m].origin) === origin);
    const q = procedure(data, members, e, mask, poolWithout(data, app.pool, origin));
    const dd = dataFor(data, e);
    const probs = held.map((m) => calibrate(scoreWD(q.model, dd.docs[m]), q.a, q.b));
    const m = metrics(
      held.map((h) => data.rows[h].label),
      probs.map((x) => x >= q.threshold),
    );
    f1s.push(m.f1);
    parts.push(`${origin.replace('social/', '').slice(0, 10)} ${f3(m.f1)} (P${f3(m.precision)} R${f3(m.recall)})`);
    if (errorsFor) {
      const rows = held.map((h, i) => ({ r: data.rows[h], p: probs[i] }));
      console.log(`# threshold ${q.threshold}`);
      for (const { r, p: pr } of rows.filter((x) => x.r.label === 0 && x.p >= q.threshold).sort((a, b) => b.p - a.p))
        console.log(`FP\t${pr}\t${r.origin}\t${r.text.replace(/\s+/g, ' ').slice(0, 300)}`);
      for (const { r, p: pr } of rows.filter((x) => x.r.label === 1 && x.p < q.threshold).sort((a, b) => a.p - b.p))
        console.log(`FN\t${pr}\t${r.origin}\t${r.text.replace(/\s+/g, ' ').slice(0, 300)}`);
    }
  }
  const worst = f1s.length ? Math.min(...f1s) : 0;
  const worstHand = Math.min(...f1s.filter((_, i) => origins[i].startsWith('social/')));
  const mean = f1s.reduce((a, b) => a + b, 0) / Math.max(1, f1s.length);
  const score = (social.f1 + official.f1 + worstHand) / 3;
  console.log(
    `${name}\tcv soc ${f3(social.f1)} (P${f3(social.precision)} R${f3(social.recall)}) socAll ${f3(socialAll.f1)} off ${f3(official.f1)} head ${f3(headline.f1)} th ${p.threshold}${p.pseudo ? ` pseudo ${p.pseudo.pos}+/${p.pseudo.neg}- of ${p.pseudo.pool}` : ''} | LOOO mean ${f3(mean)} worstHand ${f3(worstHand)} worst ${f3(worst)} | score ${f3(score)} | ${parts.join('; ')} | ${((Date.now() - t0) / 1000).toFixed(0)}s`,
  );
}

/** Each variant trained on the whole training split (and the pool when it self-trains), scored on the outside test origins and the probes. */
function outside(data: Dataset, names: string[], app: Appended): void {
  const train = trainingRows(data, app);
  for (const name of names) {
    const e = parse(name);
    const p = procedure(data, train, e, featureMask(data, e), app.pool);
    const docs = dataFor(data, e).docs;
    const prob = (m: number): number => calibrate(scoreWD(p.model, docs[m]), p.a, p.b);
    const f1s: number[] = [];
    const parts = [...OUTSIDE_TEST_ORIGINS].map((o) => {
      const mine = app.outside.filter((m) => originKey(data.rows[m].origin) === `social/${o}`);
      const m = metrics(
        mine.map((r) => data.rows[r].label),
        mine.map((r) => prob(r) >= p.threshold),
      );
      f1s.push(m.f1);
      return `${o.slice(0, 12)} ${f3(m.f1)} (P${f3(m.precision)} R${f3(m.recall)})`;
    });
    const probes = app.probes.map((m) => `"${data.rows[m].text}" ${f3(prob(m))}`);
    console.log(
      `${name}\toutside mean ${f3(f1s.reduce((a, b) => a + b, 0) / f1s.length)} worst ${f3(Math.min(...f1s))} th ${p.threshold} | ${parts.join('; ')} | probes ${probes.join('; ')}`,
    );
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const corpus = readCorpus();
  const out = args.find((a) => a.startsWith('--outside='));
  const err = args.find((a) => a.startsWith('--errors='));
  const names = out ? out.slice('--outside='.length).split(',') : err ? [err.slice('--errors='.length).split(':')[0]] : args;
  // Appended rows carry split 'test' so that nothing that looks for the training split takes them.
  const extra = (text: string, origin: string, label: 0 | 1, i: number): CorpusRow => ({
    id: `appended:${i}`,
    text,
    label,
    origin,
    group: `appended:${i}`,
    split: 'test',
    register: 'social',
  });
  const rows = [...corpus];
  const app: Appended = { corpus: corpus.length, pool: [], outside: [], probes: [] };
  if (names.some((n) => parse(n).self)) {
    const root = repoRoot();
    const pool = unlabelledPool({
      root,
      fixtures: join(root, '..', 'shared', 'fixtures', 'social-corpus'),
      known: corpus.map((r) => r.text),
      perOrigin: POOL_PER_ORIGIN,
      total: POOL_TOTAL,
    });
    console.error(`# pool ${pool.length}: ${poolCounts(pool)}`);
    for (const u of pool) {
      app.pool.push(rows.length);
      rows.push(extra(u.text, `social/${u.origin}:unlabelled`, 0, rows.length));
    }
  }
  if (out) {
    for (const r of labelledSocialRows(join(repoRoot(), 'corpus', 'social')).filter((x) => OUTSIDE_TEST_ORIGINS.has(x.origin))) {
      app.outside.push(rows.length);
      rows.push(extra(r.text, `social/${r.origin}:outside`, r.label, rows.length));
    }
    for (const t of PROBES) {
      app.probes.push(rows.length);
      rows.push(extra(t, 'probe', 0, rows.length));
    }
  }
  const data = encode(rows);
  if (out) {
    outside(data, names, app);
    return;
  }
  const origins = loooOrigins(corpus);
  if (err) {
    run(data, names[0], origins, app, err.split(':')[1]);
    return;
  }
  for (const name of args) run(data, name, origins, app);
}

main();
