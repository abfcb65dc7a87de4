// node dist/src/perf/load/insert-contender-main.js URL PROFILE: the INSERT contender in a process of
// its own, so its time and peak RSS are measured like the other contenders'. Prints JSON.
import { runInsertContender } from './insert-contender.js';

const [url, profile] = process.argv.slice(2);
runInsertContender(url!, profile!)
  .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
