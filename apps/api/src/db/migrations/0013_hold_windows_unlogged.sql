-- A rate-limit window is worth nothing after a crash (losing it only forgets a minute of counting):
-- unlogged, it costs the reserve statement no WAL.
ALTER TABLE "hold_address_windows" SET UNLOGGED;
