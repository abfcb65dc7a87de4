-- What the app's Prisma middleware runs at the start of each request's $transaction.
SET LOCAL ROLE app;
SELECT set_config('app.tenant_id', :org_id, true), set_config('app.user_id', :provider_id, true);
