/**
 * CPU of the whole machine and of the shared services (Redis, Kafka), from /proc, so each step
 * can say where the two cores went, including to processes outside the bench (another test
 * run on the same machine shows up as "other").
 */
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';

// USER_HZ: the unit of /proc CPU times; 100 on every Linux this runs on.
const TICKS_PER_SECOND = 100;

export interface LoadReading { at: number; busyMs: number; redisMs: number; kafkaMs: number }

export class MachineProbe {
  constructor(private readonly redisPid: number | undefined, private readonly kafkaPid: number | undefined) {}

  static async create(redisUrl: string, kafkaPid: number | undefined): Promise<MachineProbe> {
    const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
    redis.on('error', () => {});
    let redisPid: number | undefined;
    try {
      await redis.connect();
      const match = /process_id:(\d+)/.exec(await redis.info('server'));
      redisPid = match ? Number(match[1]) : undefined;
    } catch {
      redisPid = undefined;
    } finally {
      redis.disconnect();
    }
    return new MachineProbe(redisPid, kafkaPid);
  }

  read(): LoadReading {
    return { at: Date.now(), busyMs: machineBusyMs(), redisMs: processMs(this.redisPid), kafkaMs: processMs(this.kafkaPid) };
  }

  /** Busy share of the machine over a short sample, in % of one core. */
  async sampleBusyPct(ms = 1000): Promise<number> {
    const before = this.read();
    await new Promise((resolve) => setTimeout(resolve, ms));
    const after = this.read();
    return ((after.busyMs - before.busyMs) / (after.at - before.at)) * 100;
  }
}

/** Busy CPU time of all cores together since boot, in ms (everything but idle and iowait). */
function machineBusyMs(): number {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND;
}

function processMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    // Fields after the command (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(rest[11]) + Number(rest[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
