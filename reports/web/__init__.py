"""The office's web desk: the ledger, a ticket, the figures and the export, served by aiohttp
beside the bot (or alone), behind a sign-in through Telegram; /healthz and /metrics beside it."""
