-- What the app's connection middleware runs at the start of each request's transaction.
SET LOCAL ROLE ehr_clinician;
SELECT set_config('ehr.tenant_id', :org_id, true), set_config('ehr.provider_id', :provider_id, true);
