/**
 * The subset of JSON Schema (draft 2020-12) that bench-json-schema.json uses: type, const, enum,
 * minimum, properties, required, additionalProperties, items, oneOf, anyOf and local $ref.
 * A keyword outside the subset is an error, so the schema cannot silently say more than is checked.
 */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly const?: unknown;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly $ref?: string;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
}

const ANNOTATIONS = new Set(['$schema', '$id', '$defs', 'title', 'description']);
const KEYWORDS = new Set(['type', 'const', 'enum', 'minimum', 'properties', 'required', 'additionalProperties', 'items', 'oneOf', 'anyOf', '$ref']);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'object':
      return typeOf(value) === 'object';
    default:
      return typeOf(value) === type;
  }
}

function resolveRef(ref: string, root: JsonSchema): JsonSchema {
  const match = /^#\/\$defs\/([\w-]+)$/.exec(ref);
  const target = match ? root.$defs?.[match[1] as string] : undefined;
  if (!target) throw new Error(`JSON schema: cannot resolve $ref "${ref}" (only "#/$defs/name" is supported)`);
  return target;
}

/** Every way `value` breaks `schema`, each as "path: rule, got value"; empty when it conforms. */
export function validateJsonSchema(value: unknown, schema: JsonSchema, root: JsonSchema = schema, path = '$'): string[] {
  for (const key of Object.keys(schema)) {
    if (!KEYWORDS.has(key) && !ANNOTATIONS.has(key)) throw new Error(`JSON schema at ${path}: keyword "${key}" is not supported by this validator`);
  }
  if (schema.$ref) return validateJsonSchema(value, resolveRef(schema.$ref, root), root, path);
  const problems: string[] = [];
  const got = () => `got ${typeOf(value) === 'object' || typeOf(value) === 'array' ? typeOf(value) : JSON.stringify(value)}`;
  if (schema.type !== undefined) {
    const types = typeof schema.type === 'string' ? [schema.type] : schema.type;
    if (!types.some((type) => hasType(value, type))) return [`${path}: must be ${types.join(' or ')}, ${got()}`];
  }
  if ('const' in schema && JSON.stringify(value) !== JSON.stringify(schema.const)) problems.push(`${path}: must be ${JSON.stringify(schema.const)}, ${got()}`);
  if (schema.enum && !schema.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
    problems.push(`${path}: must be one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}, ${got()}`);
  }
  if (schema.minimum !== undefined && typeof value === 'number' && value < schema.minimum) problems.push(`${path}: must be >= ${schema.minimum}, ${got()}`);
  for (const [keyword, variants] of [['oneOf', schema.oneOf], ['anyOf', schema.anyOf]] as const) {
    if (!variants) continue;
    const matching = variants.filter((variant) => validateJsonSchema(value, variant, root, path).length === 0).length;
    if (keyword === 'oneOf' ? matching !== 1 : matching === 0) problems.push(`${path}: must match ${keyword === 'oneOf' ? 'exactly one' : 'at least one'} of ${variants.length} alternatives, matches ${matching}`);
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    for (const key of schema.required ?? []) if (!(key in object)) problems.push(`${path}: property "${key}" is required`);
    for (const [key, child] of Object.entries(object)) {
      const childPath = `${path}.${key}`;
      const declared = schema.properties?.[key];
      if (declared) problems.push(...validateJsonSchema(child, declared, root, childPath));
      else if (schema.additionalProperties === false) problems.push(`${childPath}: property is not allowed`);
      else if (typeof schema.additionalProperties === 'object') problems.push(...validateJsonSchema(child, schema.additionalProperties, root, childPath));
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, index) => problems.push(...validateJsonSchema(item, schema.items as JsonSchema, root, `${path}[${index}]`)));
  }
  return problems;
}
