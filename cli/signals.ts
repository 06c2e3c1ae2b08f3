/**
 * Long-running commands stop on SIGINT (Ctrl-C) or SIGTERM, finishing what is in flight. A
 * second signal while stopping means "now": the process exits at once with status 130.
 */
export function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (stopping) {
        console.error(`${signal} again: exiting without finishing`);
        process.exit(130);
      }
      stopping = true;
      resolve(signal);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
