export { encodeTextArray } from './array-text.js';
export { CellEncodeError, type CellEncodeErrorOptions } from './cell-encode-error.js';
export {
  CELL_TEXT_ENCODERS,
  encodeCellText,
  ESCAPE_FREE_KINDS,
  type CellTextEncoder,
} from './cell-text.js';
export { COLUMN_KINDS, isColumnKind, type CellValue, type ColumnKind } from './column-kind.js';
export { COPY_NULL, escapeCopyField } from './copy-text.js';
export { CSV_NULL, encodeCsvHeader, escapeCsvField } from './csv.js';
export type { JsonArray, JsonObject, JsonPrimitive, JsonValue } from './json-value.js';
export { compareJsonbKeys } from './jsonb-key-order.js';
export { encodeJsonbText } from './jsonb-text.js';
export { encodeNumericText } from './numeric-text.js';
export { createFieldEncoders, createRowEncoder, encodeCopyRow, encodeCsvRow, ROW_FORMATS, type FieldEncoder, type RowEncoder, type RowEncoderOptions, type RowFormat } from './row-encoder.js';
export { OUTPUT_FORMATS, type OutputFormat } from './output-format.js';
