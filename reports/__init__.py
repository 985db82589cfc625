"""What the office takes away: the ledger (台账) as files and listings, and the charts."""
