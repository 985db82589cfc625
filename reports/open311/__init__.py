"""The city's API: Open311 GeoReport v2 over the ledger (see routes.py)."""

from reports.open311.routes import Open311Config, open311_routes

__all__ = ["Open311Config", "open311_routes"]
