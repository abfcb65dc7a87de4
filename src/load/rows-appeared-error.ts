/**
 * A table that prepare found empty holds rows when its COPY begins: somebody else wrote them. The
 * load stops rather than truncating rows medseed did not create.
 */
export class RowsAppearedError extends Error {
  override readonly name = 'RowsAppearedError';
  constructor(readonly table: string) {
    super(`rows appeared in ${table} after medseed checked it was empty (another writer?); nothing of theirs was removed`);
  }
}
