/** One drawn set of parameters: the tenant, who runs the query, and the values for its placeholders. */
export interface ParameterSet {
  /** Human-readable: which tenant class and how heavy, e.g. "largest tenant (org 0), heavy patient (412 events)". */
  readonly label: string;
  readonly orgIndex: number;
  readonly orgId: string;
  /** The clinician who runs medseed_app queries; undefined for tenant-only draws. */
  readonly clinicianId: string | undefined;
  /** The organization's administrator, who runs medseed_org_admin queries. */
  readonly adminId: string;
  /** Values by placeholder name (uuids and timestamps as text). */
  readonly values: Readonly<Record<string, string>>;
}
