/**
 * What each source module adds to one minified chunk, from the chunk's source map: the output
 * bytes mapped to each source, and their gzip -9 size on their own. gzip shares context across
 * a file, so the per-module figures add up to more than the chunk's; they rank, they do not sum.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

export interface ModuleShare { source: string; bytes: number; gzip: number }

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Base64 VLQ fields of one mapping segment. */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = BASE64.indexOf(char);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

export function moduleShares(chunkPath: string): ModuleShare[] {
  const code = readFileSync(chunkPath, 'utf8');
  const map = JSON.parse(readFileSync(`${chunkPath}.map`, 'utf8')) as { sources: string[]; mappings: string };
  const lines = code.split('\n');
  const text = new Map<string, string>();
  const add = (source: string, part: string) => text.set(source, (text.get(source) ?? '') + part);
  let sourceIndex = 0;
  map.mappings.split(';').forEach((line, row) => {
    const output = lines[row] ?? '';
    let column = 0;
    let from = 0;
    let owner = '(glue)'; // imports, exports and helpers with no source
    for (const segment of line ? line.split(',') : []) {
      const fields = decodeSegment(segment);
      column += fields[0];
      add(owner, output.slice(from, column));
      from = column;
      if (fields.length >= 4) {
        sourceIndex += fields[1];
        owner = map.sources[sourceIndex] ?? '(glue)';
      } else owner = '(glue)';
    }
    add(owner, output.slice(from));
  });
  return [...text].map(([source, part]) => ({
    source: source.replace(/^(\.\.\/)+/, '').replace(/^.*node_modules\//, ''),
    bytes: part.length,
    gzip: gzipSync(part, { level: 9 }).length,
  })).sort((a, b) => b.gzip - a.gzip);
}
