/**
 * Where a page's JavaScript time went, from a CDP CPU profile of an unminified esbuild bundle:
 * esbuild writes `// path/of/module.ts` before each module, so a line of the bundle names its
 * source file. Self time by area (package or rtdash file) and by function.
 */
import { table } from '../gateway/table.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Start lines (0-based) of the modules in an esbuild bundle, in order. */
function moduleLines(bundle: string): { line: number; path: string }[] {
  const starts: { line: number; path: string }[] = [];
  bundle.split('\n').forEach((text, line) => {
    const match = /^\/\/ (\S+\.(?:ts|js|mjs|cjs))$/.exec(text);
    if (match) starts.push({ line, path: match[1] });
  });
  return starts;
}

function areaOfPath(path: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path)?.[1];
  if (pkg) return /^(lit|lit-html|lit-element|@lit\/reactive-element)$/.test(pkg) ? 'lit (lit-html, reactive-element)' : pkg;
  if (path.includes('bench/widgets/')) return 'bench page driver';
  return path.replace(/^(\.\.\/)+/, '');
}

export function summariseProfile(profile: Profile, bundle: string, top = 15): string {
  const starts = moduleLines(bundle);
  const moduleOf = (line: number): string | undefined => {
    let lo = 0;
    let hi = starts.length - 1;
    let found: string | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid].line <= line) { found = starts[mid].path; lo = mid + 1; } else hi = mid - 1;
    }
    return found;
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  let total = 0;
  let idle = 0;
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const [id, time] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    total += time;
    if (functionName === '(idle)') { idle += time; continue; }
    const path = url && url.includes('/b/') ? moduleOf(lineNumber) : undefined;
    const area = path ? areaOfPath(path) : url ? url.replace(/^https?:\/\/[^/]+/, '') : functionName.startsWith('(') ? functionName : 'native (DOM, Intl, builtins)';
    const key = `${functionName || '(anonymous)'}${path ? ` ${path.split('/').slice(-1)[0]}` : ''}`;
    byArea.set(area, (byArea.get(area) ?? 0) + time);
    byFunction.set(key, (byFunction.get(key) ?? 0) + time);
  }
  const busy = total - idle;
  const row = ([key, time]: [string, number]) => [key, (time / 1000).toFixed(0), `${((time / busy) * 100).toFixed(1)}%`];
  const sorted = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `JS thread busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms profiled; shares are of busy time ` +
      '(style, layout and paint appear as "(program)" or native)',
    table(['self time by area', 'ms', 'share'], sorted(byArea, 12).map(row)),
    table(['self time by function', 'ms', 'share'], sorted(byFunction, top).map(row)),
  ].join('\n');
}
