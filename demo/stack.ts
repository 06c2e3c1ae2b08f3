/**
 * The whole stack in one process: the gateway with its publisher and HTTP ingest (see
 * cli/server.ts), plus the simulator and the demo pages. `npm start` runs it; end-to-end tests
 * start it on a free port.
 */
import { fileURLToPath } from 'node:url';
import express from 'express';
import type { SimulatorOptions } from '../publisher/index.ts';
import type { StackConfig } from '../cli/config.ts';
import { startServer, type Server } from '../cli/server.ts';

export type Stack = Server;

export function startStack(config: StackConfig, simulator: SimulatorOptions | false = {}): Promise<Stack> {
  return startServer(config, {
    simulator,
    mount: (app) => {
      app.use(express.static(fileURLToPath(new URL('./public/', import.meta.url))));
      app.use('/react', express.static(fileURLToPath(new URL('./react/public/', import.meta.url))),
        express.static(fileURLToPath(new URL('../dist/react/', import.meta.url))));
    },
  });
}
