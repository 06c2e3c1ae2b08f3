/**
 * Serves the script-tag build at /dist/ with CORS headers, so a page on any other origin can
 * embed `<script type="module" src="https://gateway/dist/rtdash.js">`.
 */
import express, { type RequestHandler } from 'express';
import { allowCrossOrigin } from './cors.ts';

export function scriptTagRoute(distDir: string, allowedOrigins: readonly string[]): RequestHandler[] {
  return [allowCrossOrigin(allowedOrigins), express.static(distDir, { fallthrough: false, maxAge: '5m' })];
}
