import { defineConfig } from 'drizzle-kit';

// Generates migrations/ from schemas/. Hand-written steps (RLS, post-load indexes) are
// custom migrations made with `npx drizzle-kit generate --custom --name <name>`.
export default defineConfig({
  dialect: 'postgresql',
  schema: './schemas/index.ts',
  out: './migrations',
});
