-- PostgreSQL only (lib/db-changes.ts): every instance LISTENs on "console_changes"; a write to a
-- table that an in-memory cache depends on notifies them when its transaction commits, with the
-- table's name (the bearer cache: tokens, accounts, habilitations, APIs; the demo clock: settings;
-- signing keys). Statement-level: one notification per statement, de-duplicated per transaction.
CREATE OR REPLACE FUNCTION console_notify_change() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('console_changes', TG_TABLE_NAME);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "OAuthToken_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "OAuthToken" FOR EACH STATEMENT EXECUTE FUNCTION console_notify_change();
CREATE TRIGGER "ApiAccount_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "ApiAccount" FOR EACH STATEMENT EXECUTE FUNCTION console_notify_change();
CREATE TRIGGER "Habilitation_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Habilitation" FOR EACH STATEMENT EXECUTE FUNCTION console_notify_change();
CREATE TRIGGER "Api_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Api" FOR EACH STATEMENT EXECUTE FUNCTION console_notify_change();
CREATE TRIGGER "Setting_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Setting" FOR EACH STATEMENT EXECUTE FUNCTION console_notify_change();
CREATE TRIGGER "SigningKey_notify" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "SigningKey" FOR EACH STATEMENT EXECUTE FUNCTION console_notify_change();
