import type { Random } from '../../rng/random.js';
import type { BodySize } from '../clinical/body-size.js';
import type { MeasurementModel } from '../clinical/measurement-model.js';
import type { RowSink } from '../row-types.js';
import type { World } from '../world.js';
import type { CareTeam } from './care-team.js';
import type { ProblemList } from './conditions.js';
import type { Demographics } from './demographics.js';

/** What every part of one patient's generation reads and appends to. */
export interface PatientContext {
  readonly world: World;
  readonly random: Random;
  readonly sink: RowSink;
  readonly patient: Demographics;
  readonly problems: ProblemList;
  readonly team: CareTeam;
  readonly measurements: MeasurementModel;
  readonly body: BodySize;
  /** What the chart holds so far, for audit entries that read it: (time, id) of events and documents. */
  readonly chart: {
    readonly events: ChartItem[];
    readonly documents: ChartItem[];
    /** Results and medication orders as notes mention them, in the order written. */
    readonly labs: { readonly at: number; readonly lab: string; readonly value: string; readonly unit: string }[];
    readonly medications: { readonly at: number; readonly name: string }[];
  };
  /** Next sequence number per child table (ids are derived from them). */
  readonly sequence: { events: number; documents: number; tasks: number; audit: number };
}

export interface ChartItem {
  readonly at: number;
  readonly id: string;
}
