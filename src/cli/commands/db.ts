import type { CommandModule } from 'yargs';
import { embeddedUrl, startEmbedded, statusEmbedded, stopEmbedded } from '../../db/embedded/embedded-postgres.js';
import { redactUrl } from '../../db/redact-url.js';
import { deferred } from '../parse/deferred-command.js';
import { destroyCommand } from './db-destroy.js';
import { wrapEmbeddedErrors as wrap } from './wrap-embedded-errors.js';

interface StartArgs {
  port?: number;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const print = (line: string) => process.stdout.write(`${line}\n`);

const startCommand: CommandModule<object, StartArgs> = {
  command: 'start',
  describe: 'Start the embedded PostgreSQL server (created in ./.medseed or $MEDSEED_HOME on first use)',
  builder: (yargs) =>
    yargs
      .option('port', {
        type: 'number',
        describe: 'TCP port on 127.0.0.1. Default: the last port used if free, else any free port',
        requiresArg: true,
      })
      .strict(),
  handler: async (args) => {
    const started = await wrap('Could not start the embedded PostgreSQL server.', () =>
      startEmbedded({ ...(args.port === undefined ? {} : { port: args.port }), log }),
    );
    print(started.alreadyRunning ? `Embedded PostgreSQL is already running on port ${started.port}.` : `Embedded PostgreSQL started on port ${started.port}.`);
    print(redactUrl(started.url));
    print('Run "medseed db url" to print the URL with its password.');
  },
};

const stopCommand: CommandModule<object, object> = {
  command: 'stop',
  describe: 'Stop the embedded PostgreSQL server (data is kept)',
  builder: (yargs) => yargs.strict(),
  handler: async () => {
    const { wasRunning } = await wrap('Could not stop the embedded PostgreSQL server.', () => stopEmbedded({ log }));
    print(wasRunning ? 'Embedded PostgreSQL stopped.' : 'Embedded PostgreSQL was not running.');
  },
};

const statusCommand: CommandModule<object, object> = {
  command: 'status',
  describe: 'Show whether the embedded PostgreSQL server is running, its port and data directory',
  builder: (yargs) => yargs.strict(),
  handler: async () => {
    const status = await wrap('Could not read the embedded PostgreSQL status.', () => statusEmbedded());
    print(`running:     ${status.running ? 'yes' : 'no'}`);
    if (status.port !== undefined) print(`port:        ${status.port}`);
    if (status.pid !== undefined) print(`pid:         ${status.pid}`);
    print(`initialised: ${status.initialised ? 'yes' : 'no'}`);
    print(`data dir:    ${status.dataDir}`);
  },
};

const urlCommand: CommandModule<object, object> = {
  command: 'url',
  describe: 'Print the full URL (with password) of the running embedded server, for scripts: psql "$(medseed db url)"',
  builder: (yargs) => yargs.strict(),
  handler: async () => {
    print(await wrap('No embedded PostgreSQL URL.', () => embeddedUrl()));
  },
};

export const dbCommand: CommandModule<object, object> = {
  command: 'db',
  describe: 'Manage the embedded PostgreSQL server used when no --db or DATABASE_URL is given',
  builder: (yargs) =>
    yargs
      .command(deferred(startCommand))
      .command(deferred(stopCommand))
      .command(deferred(statusCommand))
      .command(deferred(urlCommand))
      .command(deferred(destroyCommand))
      .demandCommand(1, 'Name a db command: start, stop, status, url or destroy.'),
  handler: () => {},
};
