import type { ParameterSet } from '../../bench/params/parameter-set.js';
import type { OwnSchemaKey } from '../../bench/report/bench-report.js';
import { idToBigint } from '../bind/value-conversion.js';
import { isIdParameter, type IdParameter } from './id-keys.js';

type Keys = Readonly<Record<IdParameter, OwnSchemaKey>>;

const convert = (key: OwnSchemaKey, uuid: string) => (key.conversion === 'id-bigint' ? idToBigint(uuid) : uuid);

/**
 * A drawn set in the user's key types: every id parameter, the tenant, the clinician and the
 * administrator converted as the mapping wrote their entity's id, so a bigint-keyed schema receives
 * the very bigints its rows hold. Timestamps and search terms are kept as drawn.
 */
export function convertParameterSet(set: ParameterSet, keys: Keys): ParameterSet {
  const values = Object.fromEntries(Object.entries(set.values).map(([name, value]) => [name, isIdParameter(name) ? convert(keys[name], value) : value]));
  return {
    ...set,
    orgId: convert(keys.org_id, set.orgId),
    clinicianId: set.clinicianId === undefined ? undefined : convert(keys.provider_id, set.clinicianId),
    adminId: convert(keys.provider_id, set.adminId),
    values,
  };
}
