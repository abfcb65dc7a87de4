/**
 * The first SIGINT or SIGTERM aborts the returned signal (after saying so), so a run can stop
 * cleanly and record itself; the handlers are one-shot, so a second one kills at once (the default).
 * Call `dispose` when the run ends.
 */
export function abortOnSignal(say: (signal: NodeJS.Signals) => void): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    say(signal);
    controller.abort(signal);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
