/**
 * Serves the script-tag build at /dist/ with CORS headers, so a page on any other origin can
 * embed `<script type="module" src="https://gateway/dist/rtdash.js">` (module scripts are
 * fetched in CORS mode). With an Origin allow-list, only those origins get the header.
 */
import express, { type RequestHandler } from 'express';
import { originAllowed } from './origin.ts';

export function scriptTagRoute(distDir: string, allowedOrigins: readonly string[]): RequestHandler[] {
  const cors: RequestHandler = (req, res, next) => {
    const origin = req.headers.origin;
    if (allowedOrigins.length === 0) res.setHeader('Access-Control-Allow-Origin', '*');
    else if (origin && originAllowed(origin, allowedOrigins)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    next();
  };
  return [cors, express.static(distDir, { fallthrough: false, maxAge: '5m' })];
}
