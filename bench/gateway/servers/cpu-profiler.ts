/**
 * A V8 CPU profile of this process over exactly the stretch the driver asks for (the rate
 * steps), through the inspector: `node --cpu-prof` would also record start-up and the
 * subscribe phase, which are not what the steps measure.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';

let session: Session | undefined;

const post = (method: string, params: object = {}) => new Promise<any>((resolve, reject) => {
  session!.post(method, params, (error, result) => (error ? reject(error) : resolve(result)));
});

export const profilerHandlers = {
  async profileStart() {
    session = new Session();
    session.connect();
    await post('Profiler.enable');
    // 200 µs: fine enough to see per-event work, cheap enough not to change the picture.
    await post('Profiler.setSamplingInterval', { interval: 200 });
    await post('Profiler.start');
  },
  async profileStop({ path }: { path: string }) {
    if (!session) return undefined;
    const { profile } = await post('Profiler.stop');
    session.disconnect();
    session = undefined;
    await writeFile(path, JSON.stringify(profile));
    return path;
  },
};
