// node dist/src/perf/load/floor-contender-main.js generate DIR PROFILE   (prints the row count)
// node dist/src/perf/load/floor-contender-main.js load DIR URL ROWS      (prints FloorResult JSON)
// Two processes, so the load's time and peak RSS are measured without the generation before it.
import { loadCopyFiles, writeCopyFiles } from './floor-contender.js';

const [step, dir, arg, rows] = process.argv.slice(2);
const work = step === 'generate' ? writeCopyFiles(dir!, arg!) : loadCopyFiles(dir!, arg!, Number(rows));
work
  .then((result) => process.stdout.write(`${JSON.stringify(result)}\n`))
  .catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
