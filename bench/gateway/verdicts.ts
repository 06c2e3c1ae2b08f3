/**
 * One verdict per target of issue 4, for the production topology (Kafka + Redis): delivered
 * events/s against Socket.IO (with its p99) and against the bare ws broadcast, and memory per
 * idle connection.
 */
import { p99NoWorse, peakDelivered, perConnectionKb, sustainedRate, type TargetResult } from './results.ts';

export function verdicts(rtdash?: TargetResult, socketio?: TargetResult, ws?: TargetResult, ceiling?: TargetResult): string {
  if (!rtdash) return 'Verdicts: no rtdash result';
  const lines = [`Verdicts (${rtdash.spec.label})`];
  if (socketio) {
    const times = peakDelivered(rtdash) / Math.max(1, peakDelivered(socketio));
    const shared = rtdash.steps.filter((_, i) => socketio.steps[i]);
    const better = shared.filter((step, i) => p99NoWorse(step, socketio.steps[i])).length;
    lines.push(`- ≥ 3× Socket.IO's delivered events/s at an equal or better p99: ${times >= 3 && better === shared.length ? 'MET' : 'MISSED'} ` +
      `(peak ${times.toFixed(2)}×; kept up to ${sustainedRate(rtdash)} vs ${sustainedRate(socketio)} ev/s; p99 equal or better at ${better} of ${shared.length} rates both ran)`);
  }
  if (socketio && ceiling) {
    // What 3x Socket.IO asks for against what these clients can take here at all.
    const asked = 3 * peakDelivered(socketio);
    const most = peakDelivered(ceiling);
    lines.push(`- can 3× Socket.IO be shown on this machine? ${most >= asked ? 'yes' : 'NO'}: it asks for ${Math.round(asked).toLocaleString('en-US')} deliveries/s; ` +
      `the ceiling row (a server that does no routing) delivered at most ${Math.round(most).toLocaleString('en-US')}`);
  }
  if (ws) {
    const share = peakDelivered(rtdash) / Math.max(1, peakDelivered(ws));
    lines.push(`- ≥ 80% of the bare ws broadcast: ${share >= 0.8 ? 'MET' : 'MISSED'} (peak ${(share * 100).toFixed(0)}%; kept up to ${sustainedRate(rtdash)} vs ${sustainedRate(ws)} ev/s)`);
  }
  if (rtdash.memory) {
    const { total, marginal } = perConnectionKb(rtdash.memory, true);
    // Heap+external is what a connection keeps alive; RSS also moves with V8's and malloc's
    // growth steps, which 500 connections do not average out (a few KB per connection either way).
    const verdict = marginal.js < 10 && marginal.rss < 10 ? 'MET' : marginal.js < 10 ? 'MET on heap+external, RSS over' : 'MISSED';
    lines.push(`- < 10 KB per idle connection (subscribed to 10 channels, per extra connection): ${verdict} ` +
      `(heap+external ${marginal.js.toFixed(1)} KB, RSS ${marginal.rss.toFixed(1)} KB; ÷N since start: heap+external ${total.js.toFixed(1)} KB, RSS ${total.rss.toFixed(1)} KB)`);
  }
  return lines.join('\n');
}
