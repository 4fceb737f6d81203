-- The account's owner and currency, from account events: account incidents carry
-- them as routing labels and in their titles (docs/detection.md, "Accounts").
ALTER TABLE events
    ADD COLUMN IF NOT EXISTS account_owner String,
    ADD COLUMN IF NOT EXISTS account_currency LowCardinality(String);
