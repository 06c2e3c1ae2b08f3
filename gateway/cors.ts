/**
 * CORS for what a page on another origin reads from the gateway with plain GETs: the
 * script-tag build (module scripts are fetched in CORS mode) and the REST snapshot and
 * history the elements fill their charts from. Without an Origin allow-list every origin gets
 * the header (development); with one, only those origins.
 */
import type { RequestHandler } from 'express';
import { originAllowed } from './origin.ts';

export function allowCrossOrigin(allowedOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.headers.origin;
    if (allowedOrigins.length === 0) res.setHeader('Access-Control-Allow-Origin', '*');
    else if (origin && originAllowed(origin, allowedOrigins)) {
      res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    }
    next();
  };
}
