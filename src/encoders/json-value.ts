/** A JSON value as JSON.parse returns it; what a `jsonb` column accepts. */
export type JsonValue = JsonPrimitive | JsonArray | JsonObject;

export type JsonPrimitive = string | number | boolean | null;

export type JsonArray = readonly JsonValue[];

export type JsonObject = { readonly [key: string]: JsonValue };
