/**
 * (c) What the script-tag build costs a page: gzip -9 sizes of dist/rtdash.js and its chunks,
 * read as an import graph. rtdash.js loads each element's chunk with import() the first time its
 * tag appears; a chunk's static imports come with it. So a page's download is rtdash.js, its
 * static imports, and for each tag it uses the closure of that tag's chunk — Chart.js (imported
 * by the chart element when a chart connects) counted apart.
 */
import { readFileSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface BundleFile { file: string; bytes: number; gzip: number; imports: string[]; dynamicImports: string[] }

export interface BundleGraph {
  files: Map<string, BundleFile>;
  /** Tag → the chunk rtdash.js imports for it. */
  tags: Map<string, string>;
}

const gzip9 = (bytes: Buffer) => gzipSync(bytes, { level: 9 }).length;
const IMPORT = /(import\s*\(\s*|from\s*|import\s*)["'`](\.{1,2}\/[^"'`]+\.js)["'`]/g;
const TAG_LOADER = /["'`]?(rt-[a-z-]+)["'`]?\s*:\s*\(\)\s*=>\s*import\(\s*["'`](\.{1,2}\/[^"'`]+\.js)["'`]\s*\)/g;

export function readBundle(dist: string, entry = 'rtdash.js'): BundleGraph {
  const files = new Map<string, BundleFile>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    const bytes = readFileSync(join(dist, file));
    const text = bytes.toString('utf8');
    const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    const node: BundleFile = { file, bytes: bytes.length, gzip: gzip9(bytes), imports: [], dynamicImports: [] };
    files.set(file, node);
    for (const match of text.matchAll(IMPORT)) {
      const target = normalize(join(dir, match[2]));
      (match[1].includes('(') ? node.dynamicImports : node.imports).push(target);
      visit(target);
    }
  };
  visit(entry);
  const tags = new Map<string, string>();
  for (const match of readFileSync(join(dist, entry), 'utf8').matchAll(TAG_LOADER)) tags.set(match[1], normalize(match[2]));
  return { files, tags };
}

/** `start` and everything it imports statically, transitively. */
export function staticClosure(graph: BundleGraph, start: string, into = new Set<string>()): Set<string> {
  if (into.has(start)) return into;
  into.add(start);
  for (const dep of graph.files.get(start)?.imports ?? []) staticClosure(graph, dep, into);
  return into;
}

export const gzipOf = (graph: BundleGraph, files: Iterable<string>) =>
  [...files].reduce((sum, f) => sum + (graph.files.get(f)?.gzip ?? 0), 0);

/** What a page using these tags downloads before any chart connects: rtdash.js, its static imports, each tag's chunks. */
export function pageDownload(graph: BundleGraph, tags: string[], entry = 'rtdash.js'): Set<string> {
  const files = staticClosure(graph, entry);
  for (const tag of tags) {
    const chunk = graph.tags.get(tag);
    if (chunk) staticClosure(graph, chunk, files);
  }
  return files;
}
