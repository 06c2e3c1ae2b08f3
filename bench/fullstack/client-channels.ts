/** Which channels each client follows: client i takes `perClient` consecutive channels from channel i, so every channel has followers. */
export function channelNames(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}.${i}`);
}

export function channelSets(channels: string[], clients: number, perClient: number): string[][] {
  return Array.from({ length: clients }, (_, i) =>
    Array.from({ length: Math.min(perClient, channels.length) }, (_, k) => channels[(i + k) % channels.length]));
}
