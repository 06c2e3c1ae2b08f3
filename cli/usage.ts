/** The help text of `rtdash` and of each command. */
export const COMMAND_USAGE: Record<string, string> = {
  gateway: `rtdash gateway [--port N] [--host H] [--brokers B] [--redis URL] [--topic T]
  The gateway (WebSocket /ws, SSE, REST, health) and POST /api/publish on PORT (8080).
  Kafka and Redis from the environment or the flags, each embedded when unset.
  POST /api/publish stays disabled (403) until RTDASH_PUBLISH_TOKEN is set.`,
  publish: `rtdash publish --channel C --data JSON [--hint JSON] [--ts MS] [--quiet]
rtdash publish [--channel C] [--quiet] < lines
  Publishes one event and prints its id. Without --data, reads one JSON value per line of
  standard input and publishes them in batches of up to 500, printing each id in input order:
  with --channel every line is the event's data, without it every line is an event
  {"channel": …, "data": …, "ts"?: …, "hint"?: …}. Bad lines are reported on stderr with their
  line number and skipped; the rest is still published, and the exit status is 1. --quiet
  prints a summary on stderr instead of the ids.`,
  simulate: `rtdash simulate [--market N] [--rate R] [--metrics H] [--metrics-rate R] [--seed S]
  Publishes prices.<SYMBOL> for N symbols (default 8), R updates/s each (default 4), and
  metrics.<host> for H hosts (default 0), --metrics-rate samples/s each (default 1), until
  Ctrl-C or SIGTERM; then finishes the batch in flight and exits 0.`,
  replay: `rtdash replay --channel C [--from ID | --after ID] [--limit N]
  Prints the channel's events from Kafka as JSON lines {"id","channel","ts","data","hint"?},
  oldest first: from ID (included), after ID (excluded), or from the oldest event still held.`,
};

export const USAGE = `usage: rtdash <command> [options]

commands:
${Object.values(COMMAND_USAGE).map((text) => `  ${text.replace(/\n/g, '\n  ')}`).join('\n\n')}

  rtdash help [command]

publish, simulate and replay need Kafka; every command takes:
  --brokers host:port,…   Kafka brokers (env RTDASH_KAFKA_BROKERS)
  --redis redis://…       Redis for the notices (env RTDASH_REDIS_URL); unset: no notices are
                          announced, and gateways pick the events up from Kafka alone
  --topic NAME            Kafka topic (env RTDASH_TOPIC, default rtdash.events)

exit status: 0 done, 1 something failed (details on stderr), 2 usage or configuration error`;
