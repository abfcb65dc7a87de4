/** The --db flag shared by every command that talks to PostgreSQL. */
export const dbOption = {
  type: 'string',
  describe: 'PostgreSQL URL (postgres://user:pass@host:port/db). Default: $DATABASE_URL, else the embedded server',
  requiresArg: true,
} as const;
