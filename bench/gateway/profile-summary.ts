/**
 * `npx tsx bench/gateway/profile-summary.ts <file.cpuprofile> [--top=N]`: where a server's CPU
 * went during the bench steps. Self time by function and by area (gateway, protocol, ws,
 * prom-client, kafkajs, Node internals, GC), and inclusive time by function, counted once per
 * stack even when a function recurses.
 */
import { readFileSync } from 'node:fs';
import { table } from './table.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

// First match wins: packages before rtdash's folders (kafkajs has a src/protocol/ of its own,
// which used to be counted as rtdash's protocol/), and the bench's own files live under
// bench/gateway/, not gateway/.
const AREAS: Array<[RegExp, string]> = [
  [/node_modules\/prom-client\//, 'prom-client'],
  [/node_modules\/ws\//, 'ws'],
  [/node_modules\/(socket\.io|engine\.io|socket\.io-adapter|socket\.io-parser|@socket\.io)[^/]*\//, 'socket.io'],
  [/node_modules\/kafkajs\//, 'kafkajs'],
  [/node_modules\/(ioredis|@ioredis|redis-parser|notepack\.io)/, 'ioredis / redis'],
  [/node_modules\//, 'other packages'],
  [/bench\/gateway\//, 'bench harness'],
  [/\/gateway\//, 'rtdash gateway/'],
  [/\/protocol\//, 'rtdash protocol/'],
  [/\/publisher\//, 'rtdash publisher/'],
  [/^node:|^internal\//, 'Node internals (net, streams, events)'],
];

function areaOf(node: ProfileNode): string {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName.startsWith('(') ? functionName : 'native / builtins';
  return AREAS.find(([pattern]) => pattern.test(url))?.[1] ?? 'other';
}

/** `name folder/file:line`: enough to find it, short enough for a table. */
function keyOf(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${url.split('/').slice(-2).join('/')}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
}

export function summarise(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const idle = [...byId.values()].filter((node) => node.callFrame.functionName === '(idle)').reduce((sum, node) => sum + (self.get(node.id) ?? 0), 0);
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const busy = total - idle;

  const selfByKey = new Map<string, number>();
  const selfByArea = new Map<string, number>();
  for (const [id, us] of self) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    selfByKey.set(keyOf(node), (selfByKey.get(keyOf(node)) ?? 0) + us);
    selfByArea.set(areaOf(node), (selfByArea.get(areaOf(node)) ?? 0) + us);
  }

  // Inclusive time, each function counted once per stack.
  const inclusive = new Map<string, number>();
  const onStack = new Map<string, number>();
  const walk = (id: number): number => {
    const node = byId.get(id)!;
    const key = keyOf(node);
    onStack.set(key, (onStack.get(key) ?? 0) + 1);
    let sum = self.get(id) ?? 0;
    for (const child of node.children ?? []) sum += walk(child);
    onStack.set(key, onStack.get(key)! - 1);
    if (onStack.get(key) === 0 && node.callFrame.functionName !== '(idle)') inclusive.set(key, (inclusive.get(key) ?? 0) + sum);
    return sum;
  };
  walk(profile.nodes[0].id);

  const pct = (us: number) => `${((us / busy) * 100).toFixed(1)}%`;
  const ms = (us: number) => (us / 1000).toFixed(0);
  const sorted = (map: Map<string, number>, n: number) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n);
  return [
    `busy ${ms(busy)} ms of ${ms(total)} ms profiled (${((busy / total) * 100).toFixed(0)}%); shares below are of busy time`,
    '',
    'Self time by area',
    table(['area', 'ms', 'share'], sorted(selfByArea, 20).map(([area, us]) => [area, ms(us), pct(us)])),
    '',
    'Self time by function',
    table(['function', 'ms', 'share'], sorted(selfByKey, top).map(([key, us]) => [key, ms(us), pct(us)])),
    '',
    'Inclusive time by function',
    table(['function', 'ms', 'share'], sorted(inclusive, top + 10).filter(([key]) => !key.startsWith('(root)')).map(([key, us]) => [key, ms(us), pct(us)])),
  ].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [file, ...flags] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npx tsx bench/gateway/profile-summary.ts <file.cpuprofile> [--top=N]');
    process.exit(2);
  }
  const top = Number(flags.find((flag) => flag.startsWith('--top='))?.slice(6) ?? 25);
  console.log(summarise(JSON.parse(readFileSync(file, 'utf8')) as Profile, top));
}
