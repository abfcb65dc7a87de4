-- What PostgREST does for every request of a signed-in clinician: the role, then the JWT's claims.
SET LOCAL ROLE authenticated;
SELECT set_config('request.jwt.claims', json_build_object('role', 'authenticated', 'tenant_id', :org_id::bigint, 'sub', :provider_id::text)::text, true);
