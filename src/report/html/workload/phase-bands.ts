import type { IntervalPoint } from '../../../workload/report/workload-report.js';
import type { XBand } from '../svg/line-chart.js';
import { phaseName } from './stage-label.js';

/**
 * The ramp and warm-up stretches of a stage's series as shaded bands (an interval's point sits at
 * its end, so a band runs from the previous point's t), so nobody reads them as measured.
 */
export function phaseBands(series: readonly IntervalPoint[]): XBand[] {
  const bands: XBand[] = [];
  let previousT = 0;
  for (const point of series) {
    const last = bands[bands.length - 1];
    if (point.phase !== 'measure') {
      if (last && last.label === phaseName(point.phase) && last.to === previousT) bands[bands.length - 1] = { ...last, to: point.t };
      else bands.push({ from: previousT, to: point.t, label: phaseName(point.phase) });
    }
    previousT = point.t;
  }
  return bands;
}
