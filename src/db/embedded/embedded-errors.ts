/** Any failure of the embedded PostgreSQL server; `cause` carries the underlying error when there is one. */
export class EmbeddedPostgresError extends Error {
  override readonly name: string = 'EmbeddedPostgresError';
}

/** An option the caller passed is unusable (bad port number, conflicting port). The CLI maps it to exit code 2. */
export class InvalidEmbeddedOptionError extends EmbeddedPostgresError {
  override readonly name: string = 'InvalidEmbeddedOptionError';
}

/** The home named (by MEDSEED_HOME or the working directory) holds no embedded server of medseed's. */
export class NotEmbeddedHomeError extends InvalidEmbeddedOptionError {
  override readonly name: string = 'NotEmbeddedHomeError';
}

/** The port the caller asked for is taken by another process. */
export class PortInUseError extends InvalidEmbeddedOptionError {
  override readonly name: string = 'PortInUseError';

  constructor(
    readonly port: number,
    options?: ErrorOptions,
  ) {
    super(
      `Port ${port} is already in use by another process. ` +
        'Omit --port to let medseed pick a free port, or choose another port.',
      options,
    );
  }
}

/** The server is not running, so there is no URL to hand out. */
export class EmbeddedNotRunningError extends EmbeddedPostgresError {
  override readonly name: string = 'EmbeddedNotRunningError';
}

/** pg_ctl start or stop failed or timed out; `logLines` are the server's own relevant log lines, also in the message. */
export class ServerProcessError extends EmbeddedPostgresError {
  override readonly name: string = 'ServerProcessError';

  constructor(
    message: string,
    readonly logLines: readonly string[],
    options?: ErrorOptions,
  ) {
    super(logLines.length > 0 ? `${message}\nServer log:\n${logLines.map((l) => `  ${l}`).join('\n')}` : message, options);
  }
}
