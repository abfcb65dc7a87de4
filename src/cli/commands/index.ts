import type { CommandModule } from 'yargs';
import { benchCommand } from './bench.js';
import { dbCommand } from './db.js';
import { generateCommand } from './generate.js';
import { mappingCommand } from './mapping.js';
import { migrateCommand } from './migrate.js';
import { seedCommand } from './seed.js';
import { verifyCommand } from './verify.js';
import { workloadCommand } from './workload.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const commands: CommandModule<any, any>[] = [dbCommand, migrateCommand, generateCommand, seedCommand, verifyCommand, benchCommand, workloadCommand, mappingCommand];
