import express, { Router, type Response } from 'express';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { processEnv, type Env } from '../../config/env.js';

/**
 * The page's policy: scripts, styles and API calls from this origin only, no inline script or
 * style, no plugins, never framed, and <base> cannot redirect relative URLs.
 */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data:",
  "manifest-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "object-src 'none'",
].join('; ');

/**
 * public/ next to src/ (running from source: src/api/routes → ../../../public) or next to
 * dist/ (running the build: dist/src/api/routes → ../../../../public).
 */
export function defaultPublicDir(env: Env = processEnv()): string {
  if (env.OUTAGE_RADAR_PUBLIC) return env.OUTAGE_RADAR_PUBLIC;
  const candidates = ['../../../public/', '../../../../public/'].map((p) => fileURLToPath(new URL(p, import.meta.url)));
  return candidates.find((d) => existsSync(`${d}index.html`)) ?? candidates[0]!;
}

function securityHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
}

/**
 * The support staff's page at `/`: static files from public/ (no build step). Every answer
 * carries the security headers. Files are not fingerprinted, so the browser revalidates each
 * one (ETag, 304) instead of running a stale script against a newer page.
 */
export function pageRoutes(publicDir: string = defaultPublicDir()): Router {
  const r = Router();
  r.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') securityHeaders(res);
    next();
  });
  r.use(
    express.static(publicDir, {
      index: 'index.html',
      dotfiles: 'ignore',
      redirect: false,
      etag: true,
      lastModified: true,
      fallthrough: true,
      setHeaders(res) {
        res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  return r;
}
